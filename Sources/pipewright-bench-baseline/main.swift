// The benchmark's yardstick: a trivial Swift program that links Foundation and prints 1 KB.
import Foundation

let line = String(repeating: "x", count: 63) + "\n"
FileHandle.standardOutput.write(Data(String(repeating: line, count: 16).utf8))
