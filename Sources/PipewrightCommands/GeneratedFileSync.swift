#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipewright

/// Brings generated files on disk in line with what was rendered, or checks that they are: the one place that
/// decides what is stale, what was edited by hand, and what may be replaced. `pipewright generate` and
/// `pipewright-self` both go through it.
///
/// Each file is compared byte for byte. A file whose header digest no longer matches its body was edited by
/// hand, and a file without Pipewright's header was not written by it: neither is replaced unless forced.
package struct GeneratedFileSync {
    let console: any Console
    let workspace: Workspace
    /// The command that brings the files up to date, as messages tell the reader to run it, e.g. `pipewright generate`.
    let command: String
    /// What the files are rendered from, where edits belong instead, e.g. `the config`.
    let definition: String
    /// Whether files edited by hand or not written by Pipewright may be replaced.
    let force: Bool

    package init(console: any Console, workspace: Workspace, command: String, definition: String, force: Bool) {
        self.console = console
        self.workspace = workspace
        self.command = command
        self.definition = definition
        self.force = force
    }

    /// Writes nothing: prints a unified diff per stale file and returns ``ExitCode/findings`` when a file is stale
    /// or an orphan (generated from `source`, which no longer produces it) is left; ``ExitCode/ok`` otherwise.
    package func check(_ files: [RenderedFile], orphans: [String] = [], source: String) throws(CommandFailure) -> ExitCode {
        var stale: [String] = []
        var editedByHand: [String] = []
        for file in files {
            let current = try workspace.read(file.path)
            if let current, Self.sameBytes(current, file.contents) { continue }
            stale.append(file.path)
            if let current {
                if GeneratedHeader.provenance(of: current) != .generated { editedByHand.append(file.path) }
                console.out(UnifiedDiff.diff(old: current, new: file.contents, oldName: "a/" + file.path, newName: "b/" + file.path))
            } else {
                console.out(UnifiedDiff.diff(old: "", new: file.contents, oldName: "/dev/null", newName: "b/" + file.path))
            }
        }
        for orphan in orphans {
            if let current = try workspace.read(orphan), GeneratedHeader.provenance(of: current) != .generated { editedByHand.append(orphan) }
        }
        if stale.isEmpty && orphans.isEmpty {
            console.err("\(files.count) workflow\(files.count == 1 ? "" : "s") up to date.\n")
            return .ok
        }
        if !stale.isEmpty {
            console.err("\(stale.count) of \(files.count) workflows are stale: \(stale.joined(separator: ", ")).\n")
        }
        if !orphans.isEmpty {
            console.err("\(orphans.joined(separator: ", ")) \(orphans.count == 1 ? "was" : "were") generated from \(source) but it no longer produces \(orphans.count == 1 ? "it" : "them") (a renamed or removed pipeline); '\(command)' removes \(orphans.count == 1 ? "it" : "them").\n")
        }
        if editedByHand.isEmpty {
            console.err("Run '\(command)' to update them.\n")
        } else {
            console.err("\(editedByHand.joined(separator: ", ")) \(editedByHand.count == 1 ? "was" : "were") edited by hand: move the edits into \(definition), then run '\(command) --force' to overwrite \(editedByHand.count == 1 ? "it" : "them").\n")
        }
        return .findings
    }

    /// Decides every file before touching any: a refusal leaves every file as it was. Each file is then
    /// replaced atomically, and the orphans are removed.
    package func write(_ files: [RenderedFile], removing orphans: [String] = []) throws(CommandFailure) -> ExitCode {
        var changed: [RenderedFile] = []
        var refusals: [String] = []
        func mayReplace(_ path: String, _ current: String, _ edited: String) {
            guard !force else { return }
            switch GeneratedHeader.provenance(of: current) {
            case .generated: break
            case .editedByHand: refusals.append("\(path) was edited by hand since it was generated\(edited)")
            case .foreign: refusals.append("\(path) was not written by Pipewright")
            }
        }
        for file in files {
            try workspace.checkStaysInside(file.path)
            // A file that is there but cannot be read stops the run here, saying why, rather than being replaced unasked.
            guard let current = try workspace.read(file.path) else {
                changed.append(file)
                continue
            }
            if Self.sameBytes(current, file.contents) { continue }
            changed.append(file)
            mayReplace(file.path, current, "")
        }
        for orphan in orphans {
            if let current = try workspace.read(orphan) { mayReplace(orphan, current, ", and \(definition) no longer produces it") }
        }
        if !refusals.isEmpty {
            throw .invalidInput(refusals.joined(separator: "\n       ") + "\nNothing was written. Move your edits into \(definition), or pass --force to overwrite.")
        }
        for file in changed {
            try workspace.write(file.contents, to: file.path)
            console.out("wrote \(file.path)\n")
        }
        for orphan in orphans {
            try workspace.remove(orphan)
            console.out("removed \(orphan) (\(definition) no longer produces it)\n")
        }
        console.err("\(changed.count) written, \(files.count - changed.count) unchanged\(orphans.isEmpty ? "" : ", \(orphans.count) removed").\n")
        return .ok
    }

    /// Whether two texts are the same bytes: `==` on strings compares canonical equivalence, and going
    /// through `utf8` element by element cost more than rendering the workflows.
    static func sameBytes(_ first: String, _ second: String) -> Bool {
        var (first, second) = (first, second)
        return first.withUTF8 { one in
            second.withUTF8 { other in
                one.count == other.count && (one.isEmpty || memcmp(one.baseAddress!, other.baseAddress!, one.count) == 0)
            }
        }
    }
}
