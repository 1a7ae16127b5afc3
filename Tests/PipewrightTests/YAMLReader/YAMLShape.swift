import Pipewright

/// What a read tree should hold, written by hand: values and scalar styles, without positions (those have
/// their own tests). A string literal is a plain scalar that resolves to a string.
indirect enum YAMLShape: Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A plain scalar that is a string.
    case plain(String)
    case single(String)
    case double(String)
    case literal(String)
    case folded(String)
    /// A plain scalar that resolves to an integer, a float, a boolean or null.
    case int(Int)
    case float(Double)
    /// `.nan`, which no float equals.
    case nan
    case bool(Bool)
    case null
    case seq([YAMLShape])
    case map([Pair])

    struct Pair: Equatable {
        let key: YAMLShape
        let value: YAMLShape
    }

    init(stringLiteral value: String) { self = .plain(value) }

    /// A mapping in the written order.
    static func map(_ pairs: KeyValuePairs<YAMLShape, YAMLShape>) -> YAMLShape {
        .map(pairs.map { Pair(key: $0.key, value: $0.value) })
    }

    /// The shape of a read node.
    init(_ node: YAMLSourceNode) {
        switch node.content {
        case .sequence(let items):
            self = .seq(items.map(YAMLShape.init))
        case .mapping(let pairs):
            self = .map(pairs.map { Pair(key: YAMLShape($0.key), value: YAMLShape($0.value)) })
        case .scalar(let scalar):
            switch scalar.style {
            case .singleQuoted: self = .single(scalar.text)
            case .doubleQuoted: self = .double(scalar.text)
            case .literal: self = .literal(scalar.text)
            case .folded: self = .folded(scalar.text)
            case .plain:
                switch scalar.value {
                case .string(let text): self = .plain(text)
                case .int(let value): self = .int(value)
                case .float(let value): self = value.isNaN ? .nan : .float(value)
                case .bool(let value): self = .bool(value)
                case .null: self = .null
                }
            }
        }
    }

    var description: String {
        switch self {
        case .plain(let text): text.debugDescription
        case .single(let text): "single(\(text.debugDescription))"
        case .double(let text): "double(\(text.debugDescription))"
        case .literal(let text): "literal(\(text.debugDescription))"
        case .folded(let text): "folded(\(text.debugDescription))"
        case .int(let value): "int(\(value))"
        case .float(let value): "float(\(value))"
        case .nan: "nan"
        case .bool(let value): "bool(\(value))"
        case .null: "null"
        case .seq(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// The reader's tree as typed JSON, for `Scripts/yaml-reader-agreement` to compare with ruamel's reading:
/// `{"str": "…"}`, `{"int": "12"}`, `{"float": "1.5"}`, `{"bool": true}`, `{"null": null}`,
/// `{"seq": […]}`, `{"map": [[key, value], …]}`. Numbers are strings so that no JSON reader rounds them.
enum TypedJSON {
    static func encode(_ node: YAMLSourceNode) -> String {
        switch node.content {
        case .sequence(let items):
            "{\"seq\": [" + items.map(encode).joined(separator: ", ") + "]}"
        case .mapping(let pairs):
            "{\"map\": [" + pairs.map { "[\(encode($0.key)), \(encode($0.value))]" }.joined(separator: ", ") + "]}"
        case .scalar(let scalar):
            switch scalar.value {
            case .string(let text): "{\"str\": \(string(text))}"
            case .int(let value): "{\"int\": \"\(value)\"}"
            case .float(let value): "{\"float\": \"\(value)\"}"
            case .bool(let value): "{\"bool\": \(value)}"
            case .null: "{\"null\": null}"
            }
        }
    }

    private static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
