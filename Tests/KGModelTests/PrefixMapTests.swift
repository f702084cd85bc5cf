import KGModel
import Testing

@Suite("Prefix map: IRIs shown and typed as NAME:local")
struct PrefixMapTests {
    @Test("compact takes the longest namespace; expand reads NAME:local back; http:// is never a prefix")
    func compactAndExpand() {
        var map = PrefixMap()
        let m = map.set("m", "http://e.org/mondial/"), empty = map.set("", "http://e.org/mondial/meta#")
        #expect(m && empty)
        #expect(map.compact("http://e.org/mondial/meta#Country") == ":Country")
        #expect(map.compact("http://e.org/mondial/countries/GR/") == "m:countries/GR/")
        #expect(map.compact("http://e.org/mondial/") == nil)
        #expect(map.compact("http://other.org/x") == nil)
        #expect(map.compact("http://e.org/mondial/a b") == nil)
        #expect(map.expand(":Country") == "http://e.org/mondial/meta#Country")
        #expect(map.expand("m:countries/GR/") == "http://e.org/mondial/countries/GR/")
        #expect(map.expand("x:y") == nil)
        #expect(map.expand("daegu") == nil)
        let http = map.set("http", "http://e.org/"); #expect(http)
        #expect(map.expand("http://e.org/a") == nil)
    }

    @Test("set replaces a name in place; adopt takes only free names and namespaces; remove says whether it did")
    func setAdoptRemove() {
        var map = PrefixMap()
        map.set("a", "http://a.org/")
        map.set("b", "http://b.org/")
        map.set("a", "http://a2.org/")
        #expect(map.entries == [.init(name: "a", namespace: "http://a2.org/"), .init(name: "b", namespace: "http://b.org/")])
        map.adopt("b", "http://c.org/")
        map.adopt("c", "http://b.org/")
        map.adopt("d", "http://d.org/")
        #expect(map.entries.map(\.name) == ["a", "b", "d"])
        let removed = map.remove("b"), again = map.remove("b")
        #expect(removed && !again)
        #expect(map.namespace(of: "d") == "http://d.org/")
    }

    @Test("names and namespaces are checked", arguments: [
        ("", "http://x.org/", true), ("ex", "http://x.org/", true), ("ex-1.a_b", "urn:x:", true),
        ("1ex", "http://x.org/", false), ("ex.", "http://x.org/", false), ("한국", "http://x.org/", false),
        ("ex", "x.org/", false), ("ex", "http://x.org/a b", false), ("ex", "<http://x.org/>", false),
    ])
    func validity(name: String, namespace: String, ok: Bool) {
        var map = PrefixMap()
        let bound = map.set(name, namespace)
        #expect(bound == ok)
        #expect(map.entries.isEmpty == !ok)
    }

    @Test("the store shows ids and finds terms through its prefixes")
    func store() {
        var store = FactStore()
        let id = store.intern(.entity("http://e.org/ns#p"))
        #expect(store.shownName(id) == "http://e.org/ns#p")
        #expect(store.termNamed("e:p") == nil)
        store.prefixes.set("e", "http://e.org/ns#")
        #expect(store.shownName(id) == "e:p")
        #expect(store.termNamed("e:p") == id)
        #expect(store.termNamed("http://e.org/ns#p") == id)
    }
}
