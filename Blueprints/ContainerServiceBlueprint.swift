import Pipewright

extension Blueprint {
    /// A container service: the image is built, pushed to ECR by digest under an immutable tag and
    /// scanned, failing on critical findings; each environment's stack receives the image digest.
    public static let containerService = Blueprint(
        name: "container-service",
        summary: "Container image built, pushed to ECR by digest, scanned (fails on critical), deployed per environment",
        seeds: ["003", "004"]
    ) { options in
        Pipeline("Service", project: options.project) {
            ContainerService(
                context: ".",
                dockerfile: "Dockerfile",
                repository: options.project,
                template: CloudFormationTemplate(path: "infrastructure/service.yaml", capabilities: [.namedIAM])
            )
            ValidationSettings(validateTemplate: true, cfnLintVersion: "1.51.0")
            options.sharedParts(driftSchedule: "53 6 * * 1-5")
        }
    }
}
