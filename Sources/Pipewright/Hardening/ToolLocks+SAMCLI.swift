/// The SAM CLI's hash lock (see ``ToolLocks`` for how a lock is made).
///
/// Its closure includes setuptools and wheel: aws-lambda-builders requires both, and CPython 3.12's venv has
/// no setuptools, so with `--no-deps` they must be listed like any other package. Every package has wheels
/// for both Pythons and both architectures; none needs an sdist. Ten have platform wheels: cffi,
/// charset-normalizer, cryptography, MarkupSafe, pydantic_core, PyYAML, regex, rpds-py, ruamel.yaml.clib and
/// watchdog.
extension ToolLocks {
    /// aws-sam-cli 1.142.1 and its 81 dependencies.
    static let samCLI1_142_1 = #"""
        annotated-types==0.8.0 \
            --hash=sha256:f072f4d804ea359e4eaf198b1af7a8b0943881a87f31bb764f8bf219bb9419e0
        arrow==1.4.0 \
            --hash=sha256:749f0769958ebdc79c173ff0b0670d59051a535fa26e8eba02953dc19eb43205
        attrs==26.1.0 \
            --hash=sha256:c647aa4a12dfbad9333ca4e71fe62ddc36f4e63b2d260a37a8b83d2f043ac309
        aws_lambda_builders==1.55.0 \
            --hash=sha256:4a15e6f03a60c9eb1a885a702b065ee7e0434a3127b17f4a89ed163ed680cfd2
        aws-sam-cli==1.142.1 \
            --hash=sha256:af453c4455102b37bb9ee797be3942919bd6bf8f21721c38796656b76ed9c4be
        aws-sam-translator==1.99.0 \
            --hash=sha256:b1997e09da876342655eb568e66098280ffd137213009f0136b57f4e7694c98c
        binaryornot==0.6.0 \
            --hash=sha256:900adfd5e1b821255ba7e63139b0396b14c88b9286e74e03b6f51e0200331337
        blinker==1.9.0 \
            --hash=sha256:ba0efaa9080b619ff2f3459d1d500c57bddea4a6b424b60a91141db6fd2f08bc
        boto3==1.44.18 \
            --hash=sha256:f5a718e7a500dbbaa4a229d64f60f3251f66b1d7923eafc7943ac35ffd156797
        boto3-stubs==1.38.46 \
            --hash=sha256:e60f1bee8fed90213725de68bdcfc1bf8765030596962656e06c131bb779972d
        botocore==1.44.18 \
            --hash=sha256:300bc45095e810c5d915cefacdd6ea9ef786fe566aa4e221bf0449b4e0e95076
        botocore-stubs==1.43.126 \
            --hash=sha256:07f1b96c89d787b95ebf0cc5f22fc2b7f61c179e704c289b377505d8d61d5d49
        certifi==2026.10.19.post1 \
            --hash=sha256:1324c476b4811eff41a8bc2122cd0bbd4d9c7234c725446d99ab1612b3a7fdd2
        cffi==2.1.1 \
            --hash=sha256:3311ed60d36f83378794e1009ac6258bafbf81f7888b4caa7b35a521e3f95813 \
            --hash=sha256:34e261f78cb6ceaaa36f42f2613f4380d94d9c759a9c73c769ee6e0247364632 \
            --hash=sha256:68e62fe11f30d5ca8289242866f0a5291402d8529ca2178ab8afc5c9694ae890 \
            --hash=sha256:c1453022f490d2459a11819d83ad1d586e9ff65a12ac3e705ffebd46d3685dcf
        cfn-lint==1.36.1 \
            --hash=sha256:1f5eae322cabc9b73a717b83bf3a73709e2193fbf7fd399339e016a0838de7a3
        charset-normalizer==3.5.3 \
            --hash=sha256:26c6ad87bb79628954b52f8f7b9e18ab5cd9667546712ded9689fb7677e630d6 \
            --hash=sha256:2a6f937e0b70133d1f826d0a253331b6fe1a4c874808cc12e16f2fb8177042f4 \
            --hash=sha256:70f65dd0c2ed79ea2d9776096e9c7d25e398c2c03eb31877753598d201d91784 \
            --hash=sha256:90b1ff6cb9c7a204a3b79b1b0ed6ac8a1d8fed3b6dc69e50ae5de0f358ee81d4 \
            --hash=sha256:96e268b0cbda016ac519513294fcd17032264085b600abaac58b93049477e132 \
            --hash=sha256:d4e7ecaa25f0dae672ac783c2e5aa9054a62e011749d64ff47b887af360a3e82 \
            --hash=sha256:e5e4785d8a0adeadfbdf75f4efc357911842674651cbafd7e97f69b11ec3cbc6
        chevron==0.14.0 \
            --hash=sha256:fbf996a709f8da2e745ef763f482ce2d311aa817d287593a5b990d6d6e4f0443
        click==8.1.8 \
            --hash=sha256:63c132bbbed01578a06712a2d1f497bb62d9c1c0d329b7903a866228027263b2
        cookiecutter==2.6.0 \
            --hash=sha256:a54a8e37995e4ed963b3e82831072d1ad4b005af736bb17b99c2cbd9d41b6e2d
        cryptography==45.0.7 \
            --hash=sha256:16ede8a4f7929b4b7ff3642eba2bf79aa1d71f24ab6ee443935c0d269b6bc513 \
            --hash=sha256:3994c809c17fc570c2af12c9b840d7cea85a9fd3e5c0e0491f4fa3c029216d59 \
            --hash=sha256:48c41a44ef8b8c2e80ca4527ee81daa4c527df3ecbc9423c41a420a9559d0e27 \
            --hash=sha256:4bd3e5c4b9682bc112d634f2c6ccc6736ed3635fc3319ac2bb11d768cc5a00d8 \
            --hash=sha256:577470e39e60a6cd7780793202e63536026d9b8641de011ed9d8174da9ca5339 \
            --hash=sha256:67285f8a611b0ebc0857ced2081e30302909f571a46bfa7a3cc0ad303fe015c6 \
            --hash=sha256:81823935e2f8d476707e85a78a405953a03ef7b7b4f55f93f7c2d9680e5e0691 \
            --hash=sha256:8978132287a9d3ad6b54fcd1e08548033cc09dc6aacacb6c004c73c3eb5d3ac3 \
            --hash=sha256:b04f85ac3a90c227b6e5890acb0edbaf3140938dbecf07bff618bf3638578cf1 \
            --hash=sha256:b6a0e535baec27b528cb07a119f321ac024592388c5681a5ced167ae98e9fff3 \
            --hash=sha256:dad43797959a74103cb59c5dac71409f9c27d34c8a05921341fb64ea8ccb1dd4 \
            --hash=sha256:f3df7b3d0f91b88b2106031fd995802a2e9ae13e02c36c1fc075b43f420f3a17
        dateparser==1.5.0 \
            --hash=sha256:7c4e088f25458f57db391510035af0878439a6df71d159318dcdb0a7553932e3
        docker==7.1.0 \
            --hash=sha256:c96b93b7f0a746f9e77d325bcfb87422a3d8bd4f03136ae8a85b37f1898d5fc0
        Flask==3.1.3 \
            --hash=sha256:f4bcbefc124291925f1a26446da31a5178f9483862233b23c0c96a20701f670c
        idna==3.21 \
            --hash=sha256:387ab0bbea1ee7a196ea5b24eb007bad0242cc3127fe96713939942bc9e720d7
        itsdangerous==2.2.0 \
            --hash=sha256:c6242fc49e35958c8b15141343aa660db5fc54d4f13a1db01a3f5891b98700ef
        Jinja2==3.1.6 \
            --hash=sha256:85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67
        jmespath==1.0.1 \
            --hash=sha256:02e2e4cc71b5bcab88332eebf907519190dd9e6e82107fa7f83b1003a6252980
        jsonpatch==1.48 \
            --hash=sha256:389f25f006940b7bc939c33ca0f6cf8875527dc70599520652a269040ce40b63
        jsonpointer==3.12 \
            --hash=sha256:89f391335ee2719ae72149e1bf30a4d4c7c5d92f15a3f53faa8d20cc7c6c7f19
        jsonschema==4.24.1 \
            --hash=sha256:6b916866aa0b61437785f1277aa2cbd63512e8d4b47151072ef13292049b4627
        jsonschema-specifications==2025.9.1 \
            --hash=sha256:98802fee3a11ee76ecaca44429fda8a41bff98b00a0f2838151b113f210cc6fe
        markdown-it-py==4.3.0 \
            --hash=sha256:7aa1511a46c39138de78d9eba92ce47e63124d8003fc98b3a351909e04239efa
        MarkupSafe==3.0.4 \
            --hash=sha256:6a45c3d514f2436064db00d7fc8778d888f0236ebfed649b53d13a59e69ad51b \
            --hash=sha256:6da83a088f8ef93b2d483a8232a4dbf4d69d3d8496b568a03c56becac43e1808 \
            --hash=sha256:849dd2bb0e5e4ab2b71c7191726a4a8d5aa8a610daa584728cbee0b710ddc4ef \
            --hash=sha256:8e124f974786f831d6043728e38296969d3579db8896fe004682f5758e613581
        mdurl==0.1.2 \
            --hash=sha256:84008a41e51615a49fc9966191ff91509e3c40b939176e643fd50a5c2196b8f8
        mpmath==1.3.0 \
            --hash=sha256:a0b2b9fe80bbcd81a6647ff13108738cfb482d481d826cc0e02f5b35e5c88d2c
        mypy-boto3-apigateway==1.38.36 \
            --hash=sha256:6f7c1c9708d9277ce3e619cc2089ea78eb3fae4c2f8f3cb55a1f45dbee070fc4
        mypy-boto3-cloudformation==1.38.31 \
            --hash=sha256:1016508783c1263aba9bb24dd29afbea6f0c8c7cee79e9d073c4ed5524ce53f5
        mypy-boto3-ecr==1.38.37 \
            --hash=sha256:c5c6d9dc84059afe431c4a2b758b265d420856ce1e7ad563870a006b96b1a0c2
        mypy-boto3-iam==1.38.14 \
            --hash=sha256:f03e8f029cb00a0a66389dbf809371c88420fd119395c8464b3f48254b38c17a
        mypy-boto3-kinesis==1.38.8 \
            --hash=sha256:0dd7ea2e5ff953d6e32dcb792747df86521cb95e1c4ccb547552694a49f9861f
        mypy-boto3-lambda==1.38.40 \
            --hash=sha256:04bd5f4ad032f86cd0d5b8f573c0384a388dc8549ea6bb648dcef5b2c6664064
        mypy-boto3-s3==1.38.44 \
            --hash=sha256:9a9d305af1eebf246b6d6195bf88902ff553fe5aa0a78e5f517817875339f5e4
        mypy-boto3-schemas==1.38.0 \
            --hash=sha256:295a0daa5eca61b0ef3f2f6b52b15bad0e6eda40c87e90373e9dd4990b8304ec
        mypy-boto3-secretsmanager==1.38.0 \
            --hash=sha256:48d5057450ee307b132ce2d0976233a2c5331616fabdf423ecbc103f7431dd5e
        mypy-boto3-signer==1.38.0 \
            --hash=sha256:bf7ccfa630fcf61553bbc4a1ace95cf208fd11719e8484cf1bca44aa0d117d07
        mypy-boto3-sqs==1.38.0 \
            --hash=sha256:8e881c8492f6f51dcbe1cce9d9f05334f4b256b5843e227fa925e0f6e702b31d
        mypy-boto3-stepfunctions==1.38.0 \
            --hash=sha256:3fd11db7a789de8ab523e1af24fb8f91a46281bb85ae3cfe51aaaff1b6b3c369
        mypy-boto3-sts==1.38.38 \
            --hash=sha256:82a9de19389f9d5ceb1aea2de5337c500d77697345e640101065e3adf3911182
        mypy-boto3-xray==1.38.0 \
            --hash=sha256:6c2eeb4e7e675e978e18761ced7af95866d01df7b5c21548e452c53c255237b8
        networkx==3.6.1 \
            --hash=sha256:d47fbf302e7d9cbbb9e2555a0d267983d2aa476bac30e90dfbe5669bd57f3762
        packaging==26.4 \
            --hash=sha256:81383611a09c1bc0b08b76e0fd5829d7c6824c65b27a6aee339da133f4233ea2
        pycparser==3.12 \
            --hash=sha256:a076f3f489b39b43ed13563a1dafe42447445bec2e294154ec5c57fcdda4c85e
        pydantic==2.14.4 \
            --hash=sha256:653a2ad9f6d8858529c77c72717d0ea991d6c6837fe683246b2f4b2bbfc3fadc
        pydantic_core==2.50.5 \
            --hash=sha256:07a62d44515d674d750cfd86b7ce1dd93111be870f378d7c27b37aeb78d0cb4a \
            --hash=sha256:470bbc2495367f60d3ca849a8039e4c164701d10637e7743f4427d92651bdb6d \
            --hash=sha256:488319076ec92908b91fc6265ce761f1d78748f69f85518564fd16bf333e1b70 \
            --hash=sha256:ba2b34529984a8e3cb1bc62a7687617722695a2cb4e57958de32a0eba128a07a
        Pygments==2.21.0 \
            --hash=sha256:2363c69b61c4a97c838da3b130dcd6468f4848992b21a82f2a63ec34377137d9
        pyOpenSSL==25.1.0 \
            --hash=sha256:2b11f239acc47ac2e5aca04fd7fa829800aeee22a2eb30d744572a157bd8a1ab
        python-dateutil==2.9.0.post0 \
            --hash=sha256:a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427
        python-slugify==9.2.0 \
            --hash=sha256:7298dcfc65e9ccdf834b3c398f163af0d09a9a8fc1ee6a7b2dffd8d38bfb756e
        pytz==2026.6 \
            --hash=sha256:7fed3fee8fd6bd4a2b7b75a8d56021d0624127bf69bd5691f115db929ac570b3
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
        requests==2.32.5 \
            --hash=sha256:2462f94637a34fd532264295e186976db0f5d453d1cdd31473c85a6a161affb6
        rich==14.0.0 \
            --hash=sha256:1c9491e1951aac09caffd42f448ee3d04e58923ffe14993f6e83068dc395d7e0
        rpds-py==2026.9.1 \
            --hash=sha256:136a1c3fe4402b7008bc81cb62ee538481795b61a7e83df88dff3b3f02b726ff \
            --hash=sha256:2693b2728bbcc48d09a981a356954b0c47c53ff25b545856f28a889ea619f69a \
            --hash=sha256:addeda51556dac7c1a2f14cda62db8b621cd12afba3091d03a96c72932387eab \
            --hash=sha256:e01b3c878c8641913e688edd1b3f08658c6783d29cf6b826bd3c0d1ae7a1ffaa
        ruamel.yaml==0.18.17 \
            --hash=sha256:9c8ba9eb3e793efdf924b60d521820869d5bf0cb9c6f1b82d82de8295e290b9d
        ruamel.yaml.clib==0.2.15 \
            --hash=sha256:11e5499db1ccbc7f4b41f0565e4f799d863ea720e01d3e99fa0b7b5fcd7802c9 \
            --hash=sha256:617d35dc765715fa86f8c3ccdae1e4229055832c452d4ec20856136acc75053f \
            --hash=sha256:71845d377c7a47afc6592aacfea738cc8a7e876d586dfba814501d8c53c1ba60 \
            --hash=sha256:ef71831bd61fbdb7aa0399d5c4da06bea37107ab5c79ff884cc07f2450910262
        s3transfer==0.19.3 \
            --hash=sha256:24eb7535804306355e31c952a90022bf5b2f9d760f9a11062c7493a217c08553
        setuptools==84.2.1 \
            --hash=sha256:ca140b45d5325a9478f880e351484f62fef15f336462e449ca0c03c873d589c2
        six==1.17.0 \
            --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274
        sympy==1.14.0 \
            --hash=sha256:e091cc3e99d2141a0ba2847328f5479b05d94a6635cb96148ccb3f34671bd8f5
        text-unidecode==1.3 \
            --hash=sha256:1311f10e8b895935241623731c2ba64f4c455287888b18189350b67134a822e8
        tomlkit==0.13.3 \
            --hash=sha256:c89c649d79ee40629a9fda55f8ace8c6a1b42deb912b2a8fd8d942ddadb606b0
        types-s3transfer==0.19.3 \
            --hash=sha256:6843143f3b79e3cb73e58b6f45738e28e88d9f681fd32cc5ef7fa16f0c193356
        typing_extensions==4.16.0 \
            --hash=sha256:481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8
        typing-inspection==0.4.5 \
            --hash=sha256:bc210535442b39e1bf2805e0c7a17dfd6a4ace760c84c7f7d16245d23a6b1c39
        tzdata==2026.6 \
            --hash=sha256:0a10eec6e13ef16b627fabed9a5f2ba61a62b1c67f327305f4e7e412a70b4aec
        tzlocal==5.3.1 \
            --hash=sha256:eb1a66c3ef5847adf7a834f1be0800581b683b5608e74f86ecbcef8ab91bb85d
        urllib3==2.8.0 \
            --hash=sha256:0cf3cae568d36aa9576b28dfb35f11328f1cb974ca7647d9475ebb86c75ac6e3
        watchdog==4.0.2 \
            --hash=sha256:936acba76d636f70db8f3c66e76aa6cb5136a936fc2a5088b9ce1c7a3508fc83 \
            --hash=sha256:c0b14488bd336c5b1845cee83d3e631a1f8b4e9c5091ec539406e4a324f882d8
        Werkzeug==3.1.9 \
            --hash=sha256:6392e50c78460ba618e5b21f08a71f59c99ce99cdc6cf6e3dd7e6ccca8754fab
        wheel==0.48.0 \
            --hash=sha256:3217dcc807155e45db462d7ef2431f5ddda0d7273b700d05a67b271ceb1287ab

        """#
}
