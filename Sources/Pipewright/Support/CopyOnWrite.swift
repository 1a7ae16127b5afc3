/// A value kept in one shared object and copied on its first change, as arrays are.
///
/// The models lowering copies around for every job (``Step``, ``Environment``, ``Job``) keep their fields
/// in one: copying a model is then a single reference-count update, where a copy of each field took one
/// per field, a dozen to thirty atomic updates, the largest source of them in a large `generate`.
struct CopyOnWrite<Value: Sendable>: @unchecked Sendable {
    // Unchecked: the box is changed only through a value that holds the sole reference to it.
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    /// The value; a change first copies it if another copy shares it.
    var value: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Whether both share one object, and so hold the same value.
    func sharesStorage(with other: CopyOnWrite) -> Bool { box === other.box }
}
