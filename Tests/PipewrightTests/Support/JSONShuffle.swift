import Pipewright
import PipewrightSamples

/// Reorders the members of every JSON object, for tests that key order changes nothing. Arrays, and the
/// members of `tags` and `parameters` (whose order is meaningful), keep their order.
enum JSONShuffle {
    static func shuffled(_ value: JSONValue, using random: inout SeededGenerator, keepOrder: Bool = false) -> JSONValue {
        switch value {
        case .object(let members):
            var result = members.map { JSONMember($0.key, shuffled($0.value, using: &random, keepOrder: $0.key == "tags" || $0.key == "parameters")) }
            if !keepOrder { result.shuffle(using: &random) }
            return .object(result)
        case .array(let elements):
            return .array(elements.map { shuffled($0, using: &random) })
        default:
            return value
        }
    }
}
