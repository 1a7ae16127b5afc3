import Testing
@testable import Pipewright

@Test func nodeTreeKeepsEntryOrder() {
    let node = YAMLNode.mapping([YAMLEntry("b", .int(1)), YAMLEntry("a", .int(2))])
    guard case .mapping(let entries) = node else { Issue.record("not a mapping"); return }
    #expect(entries.map(\.key) == ["b", "a"])
}
