import Foundation
import KGFormats
import KGModel
import KGQuery

/// Why a command name matches no command, or several.
struct CommandLookupFailure: Error {
    let message: String
}

/// Every dot-command, in the order `.help` lists them.
enum DotCommands {
    static let all: [DotCommand] = [
        help, load, read, mode, output, once, lang, ids, headers, timer, limit, prefix, schema, stats, sources, history, connect, disconnect, quit,
    ]

    /// The command a name means: exact, or an unambiguous prefix (`.mo` is `.mode`).
    static func find(_ name: String) -> Result<DotCommand, CommandLookupFailure> {
        if let exact = all.first(where: { $0.name == name }) { return .success(exact) }
        if name == "exit" { return .success(quit) }
        let matches = all.filter { $0.name.hasPrefix(name) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.count > 1 {
            return .failure(CommandLookupFailure(message: "'.\(name)' could be \(matches.map { "." + $0.name }.joined(separator: ", ")): type more of it"))
        }
        let hint = Spelling.suggestions(for: name, among: all.map(\.name), limit: 1).first.map { " — did you mean '.\($0)'?" } ?? ""
        return .failure(CommandLookupFailure(message: "unknown command '.\(name)'\(hint) (.help lists them)"))
    }

    // MARK: Settings

    static let mode = DotCommand("mode", usage: ".mode [table|csv|tsv|json|jsonl|markdown]",
                                 summary: "how result tables print",
                                 details: "table draws boxes (interactively at most 40 rows, long cells cut with …); csv is RFC 4180; tsv escapes tabs and newlines; json is an array of objects; jsonl one object per line; markdown a pipe table.") { cx in
        guard let arg = cx.arguments.first else { return Outcome(output: "mode is \(cx.session.options.mode.rawValue)\n") }
        guard cx.arguments.count == 1, let m = OutputMode(rawValue: arg.text.lowercased()) else {
            return cx.bad("expected one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", "))", cx.arguments.count == 1 ? arg : cx.arguments[1])
        }
        cx.session.options.mode = m
        return Outcome()
    }

    static let lang = DotCommand("lang", usage: ".lang [ko|en]", summary: "which label language entities print in (the other is the fallback)") { cx in
        guard let arg = cx.arguments.first else { return Outcome(output: "lang is \(cx.session.language)\n") }
        guard cx.arguments.count == 1, arg.text == "ko" || arg.text == "en" else { return cx.bad("expected ko or en", arg) }
        cx.session.language = arg.text
        return Outcome()
    }

    static let ids = DotCommand("ids", usage: ".ids [on|off]", summary: "print entities with their ids") { cx in
        onOff(cx, { cx.session.options.ids = $0 }, current: cx.session.options.ids, what: "ids")
    }

    static let headers = DotCommand("headers", usage: ".headers [on|off]", summary: "print column headers") { cx in
        onOff(cx, { cx.session.options.headers = $0 }, current: cx.session.options.headers, what: "headers")
    }

    static let timer = DotCommand("timer", usage: ".timer [on|off]", summary: "print how long each statement took") { cx in
        onOff(cx, { cx.session.timer = $0 }, current: cx.session.timer, what: "timer")
    }

    static let limit = DotCommand("limit", usage: ".limit [rows N | memory N | time SECONDS|off]",
                                  summary: "bounds on a statement's result rows, intermediate rows and time") { cx in
        let limits = cx.session.engine.limits
        guard let what = cx.arguments.first else {
            return Outcome(output: "rows \(limits.maxRows)\nmemory \(limits.maxIntermediateRows)\ntime \(limits.timeout.map { "\($0)" } ?? "off")\n")
        }
        guard cx.arguments.count == 2 else { return cx.bad("expected a limit and a value, as in .limit rows 1000", cx.arguments.count > 2 ? cx.arguments[2] : what) }
        let value = cx.arguments[1]
        switch what.text {
        case "rows", "memory":
            guard let n = Int(value.text), n > 0 else { return cx.bad("expected a positive whole number", value) }
            if what.text == "rows" { cx.session.engine.limits.maxRows = n } else { cx.session.engine.limits.maxIntermediateRows = n }
        case "time":
            if value.text == "off" { cx.session.engine.limits.timeout = nil; return Outcome() }
            guard let s = Double(value.text), s > 0 else { return cx.bad("expected seconds, such as 2.5, or off", value) }
            cx.session.engine.limits.timeout = s
        default:
            return cx.bad("expected rows, memory or time", what)
        }
        return Outcome()
    }

    static let quit = DotCommand("quit", usage: ".quit", summary: "leave kgsh (Ctrl-D does too)") { cx in
        cx.session.quitRequested = true
        return Outcome()
    }

    // MARK: Help

    static let help = DotCommand("help", usage: ".help [COMMAND]", summary: "statements and commands; details of one command") { cx in
        if let arg = cx.arguments.first {
            let name = arg.text.hasPrefix(".") ? String(arg.text.dropFirst()) : arg.text
            switch find(name) {
            case .failure(let f): return cx.fail(f.message, arg)
            case .success(let c):
                return Outcome(output: "\(c.usage)\n  \(c.summary)\n" + (c.details.isEmpty ? "" : "  \(c.details)\n"))
            }
        }
        let width = all.map { $0.usage.count }.max() ?? 0
        var out = Session.statementsHelp
        out += "Commands (an unambiguous prefix works):\n"
        for c in all { out += "  " + c.usage + String(repeating: " ", count: width - c.usage.count + 2) + c.summary + "\n" }
        return Outcome(output: out)
    }
}
