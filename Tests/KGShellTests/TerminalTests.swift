import Foundation
import KGFormats
import Testing

/// kgsh in a real terminal (tmux): Hangul typed, Tab completion, history after a restart,
/// a statement over two lines, Ctrl-C on a long query, Ctrl-D to leave.
@Suite("Real terminal", .serialized)
struct TerminalTests {
    let session = "kgsh-test-\(getpid())"
    let state = NSTemporaryDirectory() + "kgsh-terminal-\(getpid())"

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        // Only capture-pane's output is read: a tmux server started by new-session would hold a
        // pipe open for ever.
        guard let tmux = Subprocess.which("tmux") else { throw Subprocess.Failure(description: "tmux is not installed: apt-get install tmux") }
        let run = try Subprocess.run(tmux, args, captureOutput: args.first == "capture-pane", timeout: 30)
        return String(decoding: run.stdout, as: UTF8.self)
    }

    func start() throws {
        try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "50",
                  "env XDG_STATE_HOME=\(state) XDG_CONFIG_HOME=\(state) LANG=C.UTF-8 \(Paths.binary) --kb \(Paths.knowledge); echo KGSH-EXITED=$?; sleep 60"])
        try waitFor("kgsh>")
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session, "-S", "-200"]) }

    func keys(_ k: String...) throws { try tmux(["send-keys", "-t", session] + k) }

    /// Waits (up to 10 s) until the screen shows `text`.
    func waitFor(_ text: String, count: Int = 1) throws {
        for _ in 0..<200 {
            if try screen().components(separatedBy: text).count - 1 >= count { return }
            usleep(50_000)
        }
        Issue.record("the screen never showed \(text.debugDescription) \(count) time(s):\n\(try screen())")
    }

    @Test("a terminal session: completion, continuation, Ctrl-C, history after restart, Ctrl-D")
    func terminal() throws {
        try? FileManager.default.removeItem(atPath: state)
        defer { _ = try? tmux(["kill-session", "-t", session]); try? FileManager.default.removeItem(atPath: state) }
        try FileManager.default.createDirectory(atPath: state + "/scripts", withIntermediateDirectories: true)
        try "show 인천테크노파크\n".write(toFile: state + "/scripts/techno.kq", atomically: true, encoding: .utf8)
        try "".write(toFile: state + "/scripts/tiny.kq", atomically: true, encoding: .utf8)
        try start()

        // 인천<Tab>: the first Tab keeps the common prefix, the second lists every name that
        // starts with it, each with its id and type.
        try keys("show 인천", "Tab", "Tab")
        try waitFor("인천테크노파크  (incheon-technopark, Agency)")
        try waitFor("인천광역시 2023년 지방자치단체 혁신평가 최우수기관 선정  (award-incheon-2023, Award)")
        try keys("C-u")

        // Hangul typed, then Tab twice: the candidates with their ids and types.
        try keys("show 인천경", "Tab")
        try waitFor("show 인천경제")
        try keys("Tab")
        try waitFor("인천경제자유구역청  (ifez, GovernmentBody)")
        try keys("C-u", "show 인천테크", "Tab")
        try waitFor("show 인천테크노파크")
        try keys("Enter")
        try waitFor("인천테크노파크 — incheon-technopark")

        // File names after .read complete across '/': the directory, then a file in it.
        try keys(".read \(state)/scr", "Tab")
        try waitFor(".read \(state)/scripts/")
        try keys("te", "Tab")
        try waitFor(".read \(state)/scripts/techno.kq")
        try keys("Enter")
        try waitFor("인천테크노파크 — incheon-technopark", count: 2)

        // Ctrl-C at the prompt clears the line being typed.
        try keys("show 인천시")
        try waitFor("kgsh> show 인천시")
        try keys("C-c", "show 대구시", "Enter")
        try waitFor("대구광역시 — daegu")

        // Ctrl-C at the continuation prompt drops the unfinished statement.
        try keys("find ?o where {", "Enter")
        try waitFor("...>")
        try keys("?a awardedTo ?o", "C-c", "show 대구시", "Enter")
        try waitFor("대구광역시 — daegu", count: 2)

        // A statement over two lines: the continuation prompt, then the answer.
        try keys("find ?o where {", "Enter")
        try waitFor("...>")
        try keys("?a awardedTo ?o, ?a year 2021 }", "Enter")
        try waitFor("│ 대구광역시")

        // Ctrl-C cancels a long query and the shell lives on.
        try keys("?a ?p ?b, ?c ?q ?d, ?e ?r ?f", "Enter")
        usleep(300_000)
        try keys("C-c")
        try waitFor("Interrupted")
        try keys("show 대구시", "Enter")
        try waitFor("대구광역시 — daegu", count: 3)

        // Ctrl-D on an empty line leaves with status 0.
        try keys("C-d")
        try waitFor("KGSH-EXITED=0")
        _ = try? tmux(["kill-session", "-t", session])

        // After a restart, Up recalls the last statement.
        try start()
        try keys("Up")
        try waitFor("kgsh> show 대구시")
        try keys("C-u", "C-d")
        try waitFor("KGSH-EXITED=0")
        let saved = try String(contentsOfFile: state + "/kgsh/history", encoding: .utf8)
        #expect(saved.hasSuffix("show 대구시\n"))
        #expect(saved.contains("find ?o where {\\n?a awardedTo ?o, ?a year 2021 }\n"))
    }

    @Test("on a terminal 'error:' is bold red; NO_COLOR=1 or --no-color turn it off",
          arguments: [("", "", true), ("NO_COLOR=1", "", false), ("", "--no-color", false)])
    func colour(environment: String, flag: String, red: Bool) throws {
        defer { _ = try? tmux(["kill-session", "-t", session]); try? FileManager.default.removeItem(atPath: state) }
        // -u NO_COLOR: the tmux server passes on the environment it was started in, which may
        // carry NO_COLOR already (CI machines often set it).
        try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "50",
                  "env -u NO_COLOR \(environment) XDG_STATE_HOME=\(state) XDG_CONFIG_HOME=\(state) LANG=C.UTF-8 \(Paths.binary) --kb \(Paths.knowledge) \(flag); sleep 60"])
        try waitFor("kgsh>")
        try keys("show 없는것", "Enter")
        try waitFor("no entity '없는것'")
        // -e: the screen with its colours, as escape sequences.
        let coloured = try tmux(["capture-pane", "-e", "-p", "-t", session])
        let line = try #require(coloured.split(separator: "\n").first { $0.contains("no entity") })
        if red {
            #expect(line.hasPrefix("1:6: \u{1B}[1m\u{1B}[31merror:"), "\(line.debugDescription)")
        } else {
            #expect(line == "1:6: error: no entity '없는것': search the labels with ?e label ?l, ?l contains \"없는것\"", "\(line.debugDescription)")
        }
    }

    @Test("SIGTERM and SIGHUP, at the prompt or while a statement runs, end kgsh with the history saved and no temporary file",
          arguments: [("TERM", SIGTERM, 143), ("HUP", SIGHUP, 129)])
    func signalSavesHistory(signal: String, number: Int32, status: Int) throws {
        try? FileManager.default.removeItem(atPath: state)
        defer { _ = try? tmux(["kill-session", "-t", session]); try? FileManager.default.removeItem(atPath: state) }
        try FileManager.default.createDirectory(atPath: state + "/kgsh", withIntermediateDirectories: true)
        try "show 인천시\n".write(toFile: state + "/kgsh/history", atomically: true, encoding: .utf8)
        let pidFile = state + "/pid"
        // sh writes its pid, then becomes kgsh (exec): the pid is kgsh's.
        try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "50",
                  "sh -c 'echo $$ > \(pidFile); exec env XDG_STATE_HOME=\(state) XDG_CONFIG_HOME=\(state) LANG=C.UTF-8 \(Paths.binary) --kb \(Paths.knowledge)'; echo KGSH-EXITED=$?; sleep 60"])
        try waitFor("kgsh>")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))

        // At the prompt, after one statement.
        try keys("show 대구시", "Enter")
        try waitFor("대구광역시 — daegu")
        if signal == "TERM" {
            // While a long statement runs: it is in the history too.
            try keys("?a ?p ?b, ?c ?q ?d, ?e ?r ?f", "Enter")
            usleep(300_000)
        }
        #expect(kill(pid, number) == 0)
        try waitFor("KGSH-EXITED=\(status)")
        let saved = try String(contentsOfFile: state + "/kgsh/history", encoding: .utf8)
        #expect(saved == "show 인천시\nshow 대구시\n" + (signal == "TERM" ? "?a ?p ?b, ?c ?q ?d, ?e ?r ?f\n" : ""))
        let left = try FileManager.default.contentsOfDirectory(atPath: state + "/kgsh")
        #expect(left == ["history"], "no temporary file beside the history")
    }
}
