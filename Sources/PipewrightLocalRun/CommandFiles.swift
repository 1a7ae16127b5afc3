import Pipewright
/// Reads the files steps write to talk to the runner: `GITHUB_OUTPUT` and `GITHUB_ENV` hold `name=value`
/// lines and `name<<DELIMITER` … `DELIMITER` blocks; `GITHUB_PATH` holds one folder a line.
enum CommandFiles {
    /// The name/value pairs of a `GITHUB_OUTPUT` or `GITHUB_ENV` file, later ones winning.
    static func parseAssignments(_ text: String) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }[...]
        while let line = lines.popFirst() {
            if let range = line.firstRange(of: "<<"), !line[..<range.lowerBound].contains("=") {
                let name = String(line[..<range.lowerBound])
                let delimiter = String(line[range.upperBound...])
                var value: [String] = []
                while let next = lines.popFirst(), next != delimiter { value.append(next) }
                result.append((name, value.joined(separator: "\n")))
            } else if let equals = line.firstIndex(of: "=") {
                result.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
            }
        }
        return result
    }

    /// The folders of a `GITHUB_PATH` file, in the order written.
    static func parsePath(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}
