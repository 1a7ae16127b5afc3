/// PW012: when the policy requires it, artifacts passed between jobs are KMS-encrypted and decrypted by their consumers.
struct ArtifactKMSEncryption: PolicyRule {
    init() {}
    let id = "PW012"
    let name = "artifact-kms-encryption"
    let title = "Artifacts KMS-encrypted before upload and decrypted after download, when the policy requires it"
    let severity = Severity.error
    let tags = ["security", "encryption", "policy"]
    let explanation = RuleExplanation(
        what: "With `requireArtifactEncryption`: a job whose uploaded artifact another job downloads (a job that needs it, directly or not) must run `aws kms generate-data-key` or `aws kms encrypt` before each upload-artifact step; each job that downloads an artifact must run `aws kms decrypt` after the download. In the pipeline, a KMS key and a CI role (to call KMS) must be configured.",
        why: "A build artifact uploaded in plain text (templates with their parameters, synthesized CDK output) is readable by anyone with read access to the repository's Actions for as long as it is kept. Encrypting only half the way fails too: a deploy job that skips decryption works on ciphertext.",
        fix: "Give the pipeline a KMS key and a CI role (`artifactEncryption.kmsKey` and `ciRole` in pipewright.json, `ArtifactEncryption(kmsKey:)` and `CIRole(…)` in Swift); Pipewright then envelope-encrypts the bundle with a KMS data key and decrypts it after the checksum check."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        guard audit.policy.requireArtifactEncryption else { return [] }
        let workflow = audit.workflow
        var findings: [Diagnostic] = []
        let consumers = workflow.jobs.filter { $0.steps.contains { $0.uses("actions/download-artifact") } }
        var uploads: [String: Set<Int>] = [:]
        for consumer in consumers {
            for step in consumer.steps where step.uses("actions/download-artifact") {
                for (job, index) in Self.uploads(downloadedBy: step, in: consumer, of: workflow) { uploads[job.id, default: []].insert(index) }
            }
        }
        for job in workflow.jobs {
            guard let consumed = uploads[job.id] else { continue }
            var encrypted = false
            for (index, step) in job.steps.enumerated() {
                if audit.commands(of: step).contains(where: { ["generate-data-key", "encrypt"].contains($0.awsOperation("kms") ?? "") }) { encrypted = true }
                if consumed.contains(index), !encrypted {
                    findings.append(finding(audit, at: WorkflowPath.step(job, index), "job \(job.id) uploads an artifact other jobs download without encrypting it with KMS first"))
                }
            }
        }
        for job in consumers {
            let download = job.steps.firstIndex { $0.uses("actions/download-artifact") }!
            let decrypts = job.steps[download...].contains { audit.commands(of: $0).contains { $0.awsOperation("kms") == "decrypt" } }
            if !decrypts {
                findings.append(finding(audit, at: WorkflowPath.step(job, download), "job \(job.id) downloads an artifact but never decrypts it with aws kms decrypt"))
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        guard policy.requireArtifactEncryption else { return [] }
        if pipeline.artifactEncryption == nil {
            return [finding(file: file, at: "artifactEncryption", "the policy requires KMS encryption of artifacts, but the pipeline names no KMS key",
                            fix: PipelineFix(json: "Add `\"artifactEncryption\": {\"kmsKey\": \"alias/<key>\"}` with a key the CI and deploy roles may use.",
                                             dsl: "Add `ArtifactEncryption(kmsKey: \"alias/<key>\")` with a key the CI and deploy roles may use."))]
        }
        if pipeline.ciRole == nil {
            return [finding(file: file, at: "ciRole", "the pipeline names a KMS key but no CI role, so the build job cannot call KMS and uploads the artifact unencrypted",
                            fix: PipelineFix(json: "Add `\"ciRole\": {\"variable\": \"AWS_CI_ROLE_ARN\"}`, a role allowed kms:GenerateDataKey on the key.",
                                             dsl: "Add `CIRole(.variable(\"AWS_CI_ROLE_ARN\"))`, a role allowed kms:GenerateDataKey on the key."))]
        }
        return []
    }

    /// The upload steps whose artifact a download step fetches: by the producing job's output named in the
    /// download's `name` (`needs.build.outputs.artifact-name`), by equal literal names, or every upload of the
    /// jobs the consumer needs when the download names none.
    static func uploads(downloadedBy download: Step, in consumer: Job, of workflow: Workflow) -> [(Job, Int)] {
        let ancestors = workflow.ancestors(of: consumer)
        func uploads(in jobs: [Job], named name: String?) -> [(Job, Int)] {
            jobs.flatMap { job in
                job.steps.indices.filter { job.steps[$0].uses("actions/upload-artifact") && (name == nil || job.steps[$0].input("name") == name) }.map { (job, $0) }
            }
        }
        guard let name = download.actionInputs["name"]?.text else { return uploads(in: ancestors, named: nil) }
        if name.segments.count == 1, case .expression(.context(.needs, let path)) = name.segments[0], path.count == 3, path[1] == "outputs",
           let producer = workflow[job: path[0]], let value = producer.outputs[path[2]] {
            return uploads(in: [producer], named: value.rendered)
        }
        return uploads(in: ancestors, named: name.rendered)
    }
}
