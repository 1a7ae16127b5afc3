/// Hash-locked requirement files for the Python tools Pipewright installs in jobs that hold credentials.
///
/// Each is the tool's complete dependency closure for CPython 3.12 (GitHub's ubuntu-24.04 image) and 3.11
/// (Debian bookworm, where `Scripts/e2e` runs the steps) on Linux x86_64 and aarch64, with the hash of every
/// wheel pip may pick there: a package with platform wheels lists one hash per wheel. The step writes the
/// file and installs it with `pip install --require-hashes --no-deps --only-binary=:all: -r`, so nothing
/// unlisted can be installed.
///
/// To add a version: resolve the closure with `pip install --dry-run --report report.json --only-binary=:all:
/// --python-version 3.12 --implementation cp --platform manylinux2014_<arch> --target /tmp/t TOOL==X` for
/// both architectures (and 3.11: the closure must be the same), take every `cp311`, `cp312`, `abi3` manylinux
/// and pure-Python wheel of each resolved version with its sha256 from PyPI's simple index, and check the
/// result with `pip download --require-hashes --no-deps` for each platform and with a real install. The
/// report lists packages a venv already holds, such as setuptools; keep them, `--no-deps` adds nothing.
enum ToolLocks {
    /// cfn-lint's requirement files, by cfn-lint version.
    static let cfnLint: [String: String] = ["1.51.0": cfnLint1_51_0]

    /// The cfn-lint versions Pipewright ships a lock for, in order.
    static var cfnLintVersions: [String] { cfnLint.keys.sorted() }

    /// The SAM CLI's (`aws-sam-cli`) requirement files, by SAM CLI version.
    static let samCLI: [String: String] = ["1.142.1": samCLI1_142_1]

    /// The SAM CLI versions Pipewright ships a lock for, in order.
    static var samCLIVersions: [String] { samCLI.keys.sorted() }

    /// cfn-lint 1.51.0 and its 25 dependencies.
    static let cfnLint1_51_0 = #"""
        annotated-types==0.8.0 \
            --hash=sha256:f072f4d804ea359e4eaf198b1af7a8b0943881a87f31bb764f8bf219bb9419e0
        attrs==26.1.0 \
            --hash=sha256:c647aa4a12dfbad9333ca4e71fe62ddc36f4e63b2d260a37a8b83d2f043ac309
        aws-sam-translator==1.115.0 \
            --hash=sha256:9be2d7b04041a64e89ed3fb1186f948377ecc118033a8a7538f271d4bcab0afa
        boto3==1.44.18 \
            --hash=sha256:f5a718e7a500dbbaa4a229d64f60f3251f66b1d7923eafc7943ac35ffd156797
        botocore==1.44.18 \
            --hash=sha256:300bc45095e810c5d915cefacdd6ea9ef786fe566aa4e221bf0449b4e0e95076
        cfn-lint==1.51.0 \
            --hash=sha256:116d4f9c7c7d039e69c01c31fe9ff309ff79f0884c859ea92b353507903dd89e
        jmespath==1.1.0 \
            --hash=sha256:a5663118de4908c91729bea0acadca56526eb2698e83de10cd116ae0f4e97c64
        jsonpatch==1.48 \
            --hash=sha256:389f25f006940b7bc939c33ca0f6cf8875527dc70599520652a269040ce40b63
        jsonpointer==3.12 \
            --hash=sha256:89f391335ee2719ae72149e1bf30a4d4c7c5d92f15a3f53faa8d20cc7c6c7f19
        jsonschema==4.26.0 \
            --hash=sha256:d489f15263b8d200f8387e64b4c3a75f06629559fb73deb8fdfb525f2dab50ce
        jsonschema-specifications==2025.9.1 \
            --hash=sha256:98802fee3a11ee76ecaca44429fda8a41bff98b00a0f2838151b113f210cc6fe
        mpmath==1.3.0 \
            --hash=sha256:a0b2b9fe80bbcd81a6647ff13108738cfb482d481d826cc0e02f5b35e5c88d2c
        networkx==3.6.1 \
            --hash=sha256:d47fbf302e7d9cbbb9e2555a0d267983d2aa476bac30e90dfbe5669bd57f3762
        pydantic==2.13.5 \
            --hash=sha256:346a034f080da3755d8e9cb5e00e8b07de1d39e4f6e2c87d8ab7cafa0b269a73
        pydantic_core==2.46.5 \
            --hash=sha256:0fc5be0abd4a407e200d844b404e33639a554e7bd0d448e7b9ae181be4789ac2 \
            --hash=sha256:49776eab08766a08dfff7012f8b422dcd7e25e43b316eedf0477c24fcfa84b7c \
            --hash=sha256:4f8507560a9284e1370bb048ed4282012fbef4e8d109875b95e884d228552061 \
            --hash=sha256:4fdc8b93a41521988916eeaa271173fcca7fa0803d62f87675aac8dcec1c8e29
        python-dateutil==2.9.0.post0 \
            --hash=sha256:a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427
        PyYAML==6.0.4 \
            --hash=sha256:45e37dd647db9d67b757444c74060c064ace5fdaa08f42bf4fda3812275d423e \
            --hash=sha256:622aa875fa6533f25fedcffe23079357d65a690d462200afed5d8e9d0e01ebee \
            --hash=sha256:71bb5b87465d88d1dfc577115af6d435bff9b26f2512936f610c26aa55966028 \
            --hash=sha256:93bfb2459195406a518e2f487a9bbf01df240175f31e06f5a252ac6734c7bbf0
        referencing==0.37.0 \
            --hash=sha256:381329a9f99628c9069361716891d34ad94af76e461dcb0335825aecc7692231
        regex==2026.12.2 \
            --hash=sha256:0f936d294db51e03444eebf1f59b7293ee37d8293d876ed82032a4214667701c \
            --hash=sha256:42a73a3e4e5c9cfb33dafd8e529721039969ca74d4621c762c2863233bc7e8e8 \
            --hash=sha256:4e6e0a5898286d9ce750413eb4122276515d1fc5a449d4e14a4125c63546f59a \
            --hash=sha256:9628caa93f2dae602e241ba98379b3cad71e676c06e801bf78945ae4b5034667 \
            --hash=sha256:cc27b9346a90c33d2020cc104409a47e16d83e592f38dd047e59732d1f765910
        rpds-py==2026.9.1 \
            --hash=sha256:136a1c3fe4402b7008bc81cb62ee538481795b61a7e83df88dff3b3f02b726ff \
            --hash=sha256:2693b2728bbcc48d09a981a356954b0c47c53ff25b545856f28a889ea619f69a \
            --hash=sha256:addeda51556dac7c1a2f14cda62db8b621cd12afba3091d03a96c72932387eab \
            --hash=sha256:e01b3c878c8641913e688edd1b3f08658c6783d29cf6b826bd3c0d1ae7a1ffaa
        s3transfer==0.19.3 \
            --hash=sha256:24eb7535804306355e31c952a90022bf5b2f9d760f9a11062c7493a217c08553
        six==1.17.0 \
            --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274
        sympy==1.14.0 \
            --hash=sha256:e091cc3e99d2141a0ba2847328f5479b05d94a6635cb96148ccb3f34671bd8f5
        typing_extensions==4.16.0 \
            --hash=sha256:481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8
        typing-inspection==0.4.5 \
            --hash=sha256:bc210535442b39e1bf2805e0c7a17dfd6a4ace760c84c7f7d16245d23a6b1c39
        urllib3==2.8.0 \
            --hash=sha256:0cf3cae568d36aa9576b28dfb35f11328f1cb974ca7647d9475ebb86c75ac6e3

        """#
}
