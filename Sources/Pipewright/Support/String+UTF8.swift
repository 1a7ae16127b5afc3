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
