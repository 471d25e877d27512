// The inline phase's working list: the nodes found so far, as doubly linked items in one array (cmark
// keeps real nodes in a linked list for the same reason). Emphasis and links wrap a run of siblings
// into a new container, and a link takes everything after its opening bracket: with links between
// items that is O(1) per move, where arrays of children would shift and make the pass quadratic.
// `InlineSubject.makeNodes` turns the finished list into `Node`s.

struct InlineItem {
    enum Kind: UInt8 {
        /// The root of the list (one per leaf).
        case root
        /// Source text `a..<b` (a delimiter run stays text until emphasis processing uses it).
        case text
        /// Decoded text `a..<b` in `InlineSubject.literals` (entity, backslash escape).
        case literal
        case softBreak, hardBreak
        /// Payload `a` indexes `InlineSubject.strings`.
        case code, html, inlineMath, displayMath
        case emphasis, strong, strikethrough
        /// Payload `a` indexes `InlineSubject.links`.
        case link, image
        /// Payload `a` indexes `InlineSubject.footnotes`.
        case footnoteReference
    }

    var kind: Kind
    var a: Int
    var b: Int
    /// Where the construct is in the leaf's bytes.
    var start: Int
    var end: Int
    var parent: Int32 = -1
    var previous: Int32 = -1
    var next: Int32 = -1
    var first: Int32 = -1
    var last: Int32 = -1
}

/// The items of one leaf, with list surgery in O(1).
struct InlineList {
    var items: [InlineItem] = []
    static let root = 0

    /// `storage`: an empty array whose capacity may be reused.
    init(length: Int, storage: [InlineItem] = []) {
        items = storage
        items.append(InlineItem(kind: .root, a: 0, b: 0, start: 0, end: length))
    }

    subscript(_ i: Int) -> InlineItem {
        get { items[i] }
        set { items[i] = newValue }
    }

    /// Empties the list for another leaf (keeping the capacity): only the root remains.
    mutating func reset(length: Int) {
        if items.isEmpty {
            items.append(InlineItem(kind: .root, a: 0, b: 0, start: 0, end: length))
        } else {
            items.removeSubrange(1...)
            items[0] = InlineItem(kind: .root, a: 0, b: 0, start: 0, end: length)
        }
    }

    /// Creates an item and appends it to the root's children. Returns its index.
    @discardableResult
    mutating func append(_ kind: InlineItem.Kind, _ a: Int = 0, _ b: Int = 0, start: Int, end: Int) -> Int {
        let index = items.count
        items.append(InlineItem(kind: kind, a: a, b: b, start: start, end: end))
        appendChild(index, to: InlineList.root)
        return index
    }

    /// Creates an item that is not in any list yet.
    mutating func make(_ kind: InlineItem.Kind, _ a: Int = 0, _ b: Int = 0, start: Int, end: Int) -> Int {
        items.append(InlineItem(kind: kind, a: a, b: b, start: start, end: end))
        return items.count - 1
    }

    mutating func appendChild(_ child: Int, to parent: Int) {
        let last = items[parent].last
        items[child].parent = Int32(parent)
        items[child].previous = last
        items[child].next = -1
        if last >= 0 { items[Int(last)].next = Int32(child) } else { items[parent].first = Int32(child) }
        items[parent].last = Int32(child)
    }

    /// Takes `item` out of its list.
    mutating func unlink(_ item: Int) {
        let it = items[item]
        guard it.parent >= 0 else { return }
        if it.previous >= 0 { items[Int(it.previous)].next = it.next } else { items[Int(it.parent)].first = it.next }
        if it.next >= 0 { items[Int(it.next)].previous = it.previous } else { items[Int(it.parent)].last = it.previous }
        items[item].parent = -1
        items[item].previous = -1
        items[item].next = -1
    }

    /// Puts the unlinked `item` right after `anchor`, in `anchor`'s list.
    mutating func insert(_ item: Int, after anchor: Int) {
        let parent = items[anchor].parent
        let next = items[anchor].next
        items[item].parent = parent
        items[item].previous = Int32(anchor)
        items[item].next = next
        items[anchor].next = Int32(item)
        if next >= 0 { items[Int(next)].previous = Int32(item) } else { items[Int(parent)].last = Int32(item) }
    }

    /// Puts the unlinked `item` right before `anchor`, in `anchor`'s list.
    mutating func insert(_ item: Int, before anchor: Int) {
        let parent = items[anchor].parent
        let previous = items[anchor].previous
        items[item].parent = parent
        items[item].next = Int32(anchor)
        items[item].previous = previous
        items[anchor].previous = Int32(item)
        if previous >= 0 { items[Int(previous)].next = Int32(item) } else { items[Int(parent)].first = Int32(item) }
    }

    /// Moves the siblings strictly between `from` and `to` (`to` == -1: up to the end of the list) into the
    /// empty container `container`, in O(1) plus one parent update per moved item.
    mutating func move(after from: Int, before to: Int, into container: Int) {
        let firstMoved = items[from].next
        let lastMoved = to >= 0 ? items[to].previous : items[Int(items[from].parent)].last
        guard firstMoved >= 0, firstMoved != Int32(to) else { return }
        let parent = items[from].parent
        // Detach the run.
        items[from].next = to >= 0 ? Int32(to) : -1
        if to >= 0 { items[to].previous = Int32(from) } else { items[Int(parent)].last = Int32(from) }
        items[Int(firstMoved)].previous = -1
        items[Int(lastMoved)].next = -1
        items[container].first = firstMoved
        items[container].last = lastMoved
        var i = firstMoved
        while i >= 0 {
            items[Int(i)].parent = Int32(container)
            i = items[Int(i)].next
        }
    }
}
