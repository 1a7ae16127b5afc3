extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place where they are contiguous, as they are in
    /// every native string; other strings are copied first.
    ///
    /// `withUTF8` needs a `var`, and copying a string into one costs a retain and a release: on the paths that
    /// run for every key and value written or checked, that was a measurable part of a large `generate`.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return withCopiedUTF8(body)
    }

    /// The rare path of ``withUTF8Bytes(_:)``, kept out of line so the common one stays small.
    @inline(never)
    private func withCopiedUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension StringProtocol {
    /// Whether the UTF-8 bytes contain `pattern`'s. The byte search is exact, as git's own name checks
    /// compare; the character search of `contains(_:)` cost thousands of instructions per call.
    func containsBytes(_ pattern: some StringProtocol) -> Bool {
        firstByteRange(of: pattern) != nil
    }

    /// The first range where `pattern`'s UTF-8 bytes occur, searched byte by byte.
    ///
    /// `pattern` must start with an ASCII byte, so a match never starts inside a character: the bounds are
    /// then valid indices of the text. Every caller passes a pattern such as `"${{"` or `"\"Key\""`.
    func firstByteRange(of pattern: some StringProtocol) -> Range<Index>? {
        let needle = Array(pattern.utf8)
        guard let first = needle.first else { return startIndex..<startIndex }
        precondition(first < 0x80, "firstByteRange(of:) needs a pattern that starts with an ASCII byte")
        let bytes = utf8
        var searchFrom = bytes.startIndex
        while let start = bytes[searchFrom...].firstIndex(of: first) {
            var end = start
            var matched = true
            for byte in needle {
                guard end < bytes.endIndex, bytes[end] == byte else { matched = false; break }
                end = bytes.index(after: end)
            }
            if matched { return start..<end }
            searchFrom = bytes.index(after: start)
        }
        return nil
    }
}
