import KGModel

/// An argument of a dot-command with where it stands in the statement (0-based scalar offset).
public struct DotArgument: Equatable, Sendable {
    public let text: String
    public let start: Int
    public var length: Int { max(1, text.unicodeScalars.count) }
}

/// What a dot-command handler gets: the session, its arguments, and a way to point at one.
struct CommandContext {
    let session: Session
    let name: String
    let arguments: [DotArgument]
    /// Where the command itself stands, for errors about it as a whole.
    let commandStart: Int
    let fail: (_ message: String, _ at: DotArgument?) -> Outcome

    /// An error under `argument` that points to `.help NAME`.
    func bad(_ message: String, _ argument: DotArgument?) -> Outcome {
        fail("\(message) (see .help \(name))", argument)
    }
}

/// A dot-command: its name, usage, help text and handler in one value, so `.help` cannot drift.
struct DotCommand: Sendable {
    let name: String
    let usage: String
    let summary: String
    let details: String
    let run: @Sendable (CommandContext) -> Outcome

    init(_ name: String, usage: String, summary: String, details: String = "", run: @escaping @Sendable (CommandContext) -> Outcome) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.details = details
        self.run = run
    }

    /// Where a quote opens that `text` never closes (0-based scalar offset, counted from `offset`).
    static func unclosedQuote(_ text: String, offset: Int) -> Int? {
        var quote: (Unicode.Scalar, Int)? = nil
        for (i, c) in text.unicodeScalars.enumerated() {
            if let (q, _) = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = (c, offset + i) }
        }
        return quote?.1
    }

    /// Splits the text after the command name into arguments; quotes group words.
    static func arguments(_ text: String, offset: Int) -> [DotArgument] {
        var out: [DotArgument] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var quote: Unicode.Scalar? = nil
        var column = offset
        func flush() {
            if !current.isEmpty { out.append(DotArgument(text: String(current), start: start)) }
            current = String.UnicodeScalarView()
        }
        for c in text.unicodeScalars {
            defer { column += 1 }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" {
                if current.isEmpty { start = column }
                quote = c
                continue
            }
            if c == " " || c == "\t" { flush(); continue }
            if current.isEmpty { start = column }
            current.append(c)
        }
        flush()
        return out
    }
}

/// Boolean settings read `on` or `off`.
func onOff(_ context: CommandContext, _ apply: (Bool) -> Void, current: Bool, what: String) -> Outcome {
    guard let arg = context.arguments.first else { return Outcome(output: "\(what) is \(current ? "on" : "off")\n") }
    guard context.arguments.count == 1, arg.text == "on" || arg.text == "off" else {
        return context.bad("expected on or off", context.arguments.count == 1 ? arg : context.arguments[1])
    }
    apply(arg.text == "on")
    return Outcome()
}
