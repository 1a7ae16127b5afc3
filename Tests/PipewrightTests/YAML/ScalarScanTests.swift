import PipewrightSamples
import Testing
@testable import Pipewright

/// ``ScalarScan`` skips runs of eight plain bytes at once; what it reports must be what a plain byte-by-byte
/// reading of the rules gives, wherever the interesting bytes fall.
@Suite struct ScalarScanTests {
    /// The rules of each field, read one byte at a time.
    struct Reference: Equatable {
        var hasUnprintable = false, hasLineBreak = false, hasTab = false
        var hasMappingSeparator = false, hasCommentStart = false, isNumberAlphabetOnly = true
        var trailingLineBreaks = 0

        init(_ bytes: [UInt8]) {
            let numberAlphabet = Set("0123456789abcdefABCDEFxXoO._:+-".utf8)
            for (index, byte) in bytes.enumerated() {
                if byte == 0x0A { hasLineBreak = true }
                if byte == 0x09 { hasTab = true }
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F { hasUnprintable = true }
                if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { hasUnprintable = true }
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, [0xA8, 0xA9].contains(bytes[index + 2]) { hasUnprintable = true }
                if byte == 0xEF, index + 2 < bytes.count,
                   (bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF) || (bytes[index + 1] == 0xBF && [0xBE, 0xBF].contains(bytes[index + 2])) {
                    hasUnprintable = true
                }
                if byte == UInt8(ascii: ":"), index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ") { hasMappingSeparator = true }
                if byte == UInt8(ascii: "#"), index > 0, bytes[index - 1] == UInt8(ascii: " ") { hasCommentStart = true }
                if !numberAlphabet.contains(byte) { isNumberAlphabetOnly = false }
            }
            trailingLineBreaks = bytes.reversed().prefix { $0 == 0x0A }.count
        }

        init(_ scan: ScalarScan) {
            hasUnprintable = scan.hasUnprintable
            hasLineBreak = scan.hasLineBreak
            hasTab = scan.hasTab
            hasMappingSeparator = scan.hasMappingSeparator
            hasCommentStart = scan.hasCommentStart
            isNumberAlphabetOnly = scan.isNumberAlphabetOnly
            trailingLineBreaks = scan.trailingLineBreaks
        }
    }

    @Test func agreesWithTheByteByByteRulesOnRandomText() {
        // Mostly plain letters, so long plain runs occur, with every kind of byte the rules care about.
        let pieces: [[UInt8]] = ["a", "b", "z", "Q", "1", "0", ".", "-", " ", "'", "{", "}", "$", "~", ":", "#", " #", ": ",
                                 "\t", "\n", "\u{7F}", "\u{01}", "\u{1F}", "é", "\u{85}", "\u{9F}", "\u{A0}", "\u{2028}", "\u{2029}",
                                 "\u{2030}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "✓"].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                bytes += Int.random(in: 0..<3, using: &random) == 0 ? pieces.randomElement(using: &random)! : pieces[Int.random(in: 0..<4, using: &random)]
            }
            let scan = bytes.withUnsafeBufferPointer { ScalarScan(of: $0) }
            #expect(Reference(scan) == Reference(bytes), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test(arguments: ["abcdefgh:", "abcdefghijklmnop #x", "abcdefgh\u{7F}ijklmnop", "abcdefghijklmnop\u{2028}", "xyzxyzxy\u{01}", "gggggggg~ggggggg\t"])
    func findsWhatFollowsAPlainRun(_ text: String) {
        let bytes = Array(text.utf8)
        let scan = bytes.withUnsafeBufferPointer { ScalarScan(of: $0) }
        #expect(Reference(scan) == Reference(bytes))
    }
}
