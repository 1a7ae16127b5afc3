import Testing
@testable import Pipewright

@Suite struct ByteBufferTests {
    @Test func appendsBytesRunsAndStringsInOrder() {
        var buffer = ByteBuffer()
        buffer.append(UInt8(ascii: "a"))
        [UInt8]("bc".utf8).withUnsafeBufferPointer { buffer.append($0) }
        buffer.append("dé")
        buffer.append([UInt8(ascii: "!")])
        #expect(buffer.array() == Array("abcdé!".utf8))
        #expect(buffer.count == 7)
        #expect(buffer.array(from: 3) == Array("dé!".utf8))
    }

    @Test func growsPastItsCapacityWithoutLosingBytes() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        for index in 0..<10_000 {
            let text = "line \(index)\n"
            buffer.append(text)
            expected += Array(text.utf8)
        }
        #expect(buffer.array() == expected)
    }

    @Test func longNonASCIITextIsCopiedAsUTF8() {
        var buffer = ByteBuffer()
        let text = String(repeating: "ü€", count: 40)
        buffer.append(text)
        #expect(buffer.array() == Array(text.utf8))
    }

    @Test func aCopyKeepsItsBytesWhenTheOriginalChanges() {
        var original = ByteBuffer(capacity: 64)
        original.append("shared")
        var copy = original
        original.append(" original")
        copy.append(" copy")
        copy.removeLast()
        #expect(original.array() == Array("shared original".utf8))
        #expect(copy.array() == Array("shared cop".utf8))

        var reserved = original
        reserved.reserveCapacity(1)
        reserved.append("!")
        #expect(original.array() == Array("shared original".utf8))
        #expect(reserved.array() == Array("shared original!".utf8))
    }
}
