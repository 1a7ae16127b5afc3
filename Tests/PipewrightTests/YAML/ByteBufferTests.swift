import Testing
@testable import Pipewright

@Suite struct ByteBufferTests {
    @Test func appendsBytesRunsAndStringsInOrder() {
        var buffer = ByteBuffer()
        buffer.append(UInt8(ascii: "a"))
        [UInt8]("bc".utf8).withUnsafeBufferPointer { buffer.append($0) }
        buffer.append("dé")
        buffer.append([UInt8(ascii: "!")])
        #expect(buffer.string == "abcdé!")
        #expect(buffer.count == 7)
    }

    @Test func growsPastItsCapacityWithoutLosingBytes() {
        var buffer = ByteBuffer(capacity: 1)
        var expected = ""
        for index in 0..<10_000 {
            let text = "line \(index)\n"
            buffer.append(text)
            expected += text
        }
        #expect(buffer.string == expected)
    }

    @Test func longNonASCIITextIsCopiedAsUTF8() {
        var buffer = ByteBuffer()
        let text = String(repeating: "ü€", count: 40)
        buffer.append(text)
        #expect(buffer.string == text)
    }

    @Test func aCopyKeepsItsBytesWhenTheOriginalChanges() {
        var original = ByteBuffer(capacity: 64)
        original.append("shared")
        var copy = original
        original.append(" original")
        copy.append(" copy")
        copy.truncate(to: 10)
        #expect(original.string == "shared original")
        #expect(copy.string == "shared cop")

        var reserved = original
        reserved.reserveCapacity(1)
        reserved.append("!")
        #expect(original.string == "shared original")
        #expect(reserved.string == "shared original!")
    }
}
