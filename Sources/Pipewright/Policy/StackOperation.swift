/// A command of a script that creates, changes or deletes a CloudFormation stack, directly or through CDK or SAM.
struct StackOperation: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// `aws cloudformation create-stack` / `update-stack` / `deploy`, `cdk deploy`, `sam deploy`: changes applied at once.
        case direct
        /// `aws cloudformation create-change-set`, `cdk deploy --method=prepare-change-set`, `sam deploy --no-execute-changeset`.
        case createChangeSet
        /// `aws cloudformation execute-change-set`.
        case executeChangeSet
        /// `aws cloudformation delete-stack`, `cdk destroy`, `sam delete`.
        case delete
    }

    let kind: Kind
    /// How the command is named in messages, e.g. `aws cloudformation create-change-set`.
    let name: String
    let command: ScriptCommand
    /// The index of the step that runs it.
    let stepIndex: Int

    /// Whether the command takes stack tags (`--tags`); execute and delete do not.
    var takesTags: Bool { kind == .direct || kind == .createChangeSet }

    init?(_ command: ScriptCommand, stepIndex: Int) {
        self.command = command
        self.stepIndex = stepIndex
        if let operation = command.awsOperation("cloudformation") {
            name = "aws cloudformation " + operation
            switch operation {
            case "create-stack", "update-stack", "deploy": kind = .direct
            case "create-change-set": kind = .createChangeSet
            case "execute-change-set": kind = .executeChangeSet
            case "delete-stack": kind = .delete
            default: return nil
            }
        } else if let subcommand = command.subcommand(of: "cdk") {
            name = "cdk " + subcommand
            switch subcommand {
            case "deploy":
                let method = command.values(of: "--method")?.first
                kind = method == "prepare-change-set" || command.has("--no-execute") ? .createChangeSet : .direct
            case "destroy": kind = .delete
            default: return nil
            }
        } else if let subcommand = command.subcommand(of: "sam") {
            name = "sam " + subcommand
            switch subcommand {
            case "deploy": kind = command.has("--no-execute-changeset") ? .createChangeSet : .direct
            case "delete": kind = .delete
            default: return nil
            }
        } else {
            return nil
        }
    }
}

