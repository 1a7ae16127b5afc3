import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folder walks for the local runner.
extension FilePaths {
    /// Whether a path exists, following symlinks, and is a folder; `nil` when nothing is there.
    package static func isFolder(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// Every entry under a folder, as paths relative to it (`a`, `a/b`, …), in no particular order.
    ///
    /// Symlinks are listed but not descended into; a sub-folder that cannot be read is listed and skipped.
    package static func subpaths(of folder: String) -> [String] {
        var found: [String] = []
        func walk(_ absolute: String, _ relative: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { return }
            for name in names {
                let entry = relative.isEmpty ? name : relative + "/" + name
                found.append(entry)
                var status = stat()
                if lstat(absolute + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                    walk(absolute + "/" + name, entry)
                }
            }
        }
        walk(folder, "")
        return found
    }
}
