/// The endpoints harden-runner's block policy must allow for the generated jobs to work, derived from the
/// pipeline so block mode needs no hand-tuning; the user's `allowedEndpoints` add to them.
///
/// One list for every job, not one per job: each job's steps are assembled by its own lowering, and a single
/// list derived here keeps that list in one place, readable and checked at once. Every host in it is one some
/// job of the pipeline needs; a job may thereby reach a host only its neighbour uses, never one no job does.
extension PipelineLowering {
    /// Every endpoint the pipeline's jobs need, with the user's own, sorted and without duplicates.
    var blockedEgressEndpoints: [String] {
        Array(Set(EgressEndpoints.needed(by: pipeline) + (pipeline.runtime.hardenRunner?.allowedEndpoints ?? []))).sorted()
    }
}

/// The `host:port` endpoints Pipewright's generated jobs connect to, by what the pipeline uses.
enum EgressEndpoints {
    /// GitHub: `github.com` for checkout; `api.github.com` for the artifact actions; `*.actions.githubusercontent.com`
    /// for the OIDC token request and the artifact service (`results-receiver`); `*.blob.core.windows.net` for
    /// the artifacts' storage, which actions/upload-artifact and download-artifact v4 reach directly.
    static let github = ["github.com:443", "api.github.com:443", "*.actions.githubusercontent.com:443", "*.blob.core.windows.net:443"]
    /// PyPI, for the pinned Python tools (cfn-lint, the SAM CLI) installed into a virtual environment.
    static let python = ["pypi.org:443", "files.pythonhosted.org:443"]
    /// npm, for a CDK app's locked dependencies; Node.js itself, when the runner's cache lacks the version.
    static let node = ["registry.npmjs.org:443", "nodejs.org:443"]
    /// The Slack incoming-webhook host.
    static let slack = ["hooks.slack.com:443"]

    /// What the pipeline's jobs need: GitHub always, each AWS service a job calls in each region it uses, and
    /// the package registries and hooks of the features that are on.
    static func needed(by pipeline: Pipeline) -> [String] {
        var services = ["sts", "cloudformation"]
        if pipeline.artifactEncryption != nil { services.append("kms") }
        var endpoints = github
        switch pipeline.infrastructure {
        case .cloudFormation: break
        case .sam:
            endpoints += python
            services += ["s3", "*.s3"]
        case .cdk:
            endpoints += node
            // cdk deploy checks the bootstrap version in SSM and uploads assets to the bootstrap bucket.
            services += ["ssm", "s3", "*.s3"]
        case .containerService:
            // The registry host is the account's: <account>.dkr.ecr.<region>.amazonaws.com.
            services += ["api.ecr", "*.dkr.ecr"]
        }
        if pipeline.validation.cfnLintVersion != nil { endpoints += python }
        if case .slack? = pipeline.notification { endpoints += slack }
        for region in regions(of: pipeline) {
            endpoints += services.map { "\($0).\(region).amazonaws.com:443" }
        }
        return Array(Set(endpoints)).sorted()
    }

    /// Whether an endpoint is one Pipewright derives for some pipeline: such an endpoint is what the
    /// generated jobs need, so a policy's list of allowed endpoints does not have to repeat it.
    static func isDerived(_ endpoint: String) -> Bool {
        if (github + python + node + slack).contains(endpoint) { return true }
        guard endpoint.hasSuffix(".amazonaws.com:443") else { return false }
        let host = endpoint.dropLast(".amazonaws.com:443".count)
        return ["sts.", "cloudformation.", "kms.", "s3.", "*.s3.", "ssm.", "api.ecr.", "*.dkr.ecr."].contains { service in
            host.hasPrefix(service) && isRegion(host.dropFirst(service.count))
        }
    }

    /// The regions the jobs call AWS in: each environment's, and the default one when a job uses it.
    static func regions(of pipeline: Pipeline) -> [String] {
        var regions = pipeline.environments.map { $0.region ?? pipeline.region }
        if pipeline.ciRole != nil { regions.append(pipeline.region) }
        return Array(Set(regions)).sorted()
    }

    private static func isRegion(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLowercase && $0.isASCII || $0.isNumber || $0 == "-" }
    }
}

extension Infrastructure {
    /// Whether this is a CDK app, which cdk-nag and synth check instead of cfn-lint.
    var isCDK: Bool {
        if case .cdk = self { return true }
        return false
    }
}
