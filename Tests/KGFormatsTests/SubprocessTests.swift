import Foundation
import KGFormats
import Testing

@Suite("Subprocess: run a program and wait for it")
struct SubprocessTests {
    @Test("standard input in; standard output and error apart; the exit status")
    func inputOutputStatus() throws {
        let run = try Subprocess.run("/bin/sh", ["-c", "tr a-z A-Z; echo oops >&2; exit 3"], input: Data("한국 kgsh\n".utf8))
        #expect(String(decoding: run.stdout, as: UTF8.self) == "한국 KGSH\n")
        #expect(String(decoding: run.stderr, as: UTF8.self) == "oops\n")
        #expect(run.status == 3)
        #expect(!run.timedOut)
    }

    @Test("output far larger than a pipe's buffer, on both streams, does not block")
    func largeOutput() throws {
        let run = try Subprocess.run("/bin/sh", ["-c", "head -c 3000000 /dev/zero; head -c 2000000 /dev/zero >&2"])
        #expect(run.stdout.count == 3_000_000)
        #expect(run.stderr.count == 2_000_000)
        #expect(run.status == 0)
    }

    @Test("runs in the directory it is given, with the environment it is given")
    func directoryAndEnvironment() throws {
        let run = try Subprocess.run("/bin/sh", ["-c", "pwd; echo $KGSH_PROBE"], directory: "/tmp", environment: ["KGSH_PROBE": "탐침"])
        #expect(String(decoding: run.stdout, as: UTF8.self) == "/tmp\n탐침\n")
    }

    @Test("a child killed by a signal reports 128 + the signal; SIGINT is default in the child even when ignored here")
    func signals() throws {
        let killed = try Subprocess.run("/bin/sh", ["-c", "kill -TERM $$"])
        #expect(killed.status == 128 + SIGTERM)
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        let interrupted = try Subprocess.run("/bin/sh", ["-c", "kill -INT $$; sleep 5"], timeout: 20)
        #expect(interrupted.status == 128 + SIGINT)
    }

    @Test("a child that outlives its timeout is killed and says so, output closed or not")
    func timeout() throws {
        let start = Date()
        let run = try Subprocess.run("/bin/sh", ["-c", "echo started; exec sleep 30"], timeout: 0.5)
        #expect(run.timedOut)
        #expect(run.status == 128 + SIGKILL)
        #expect(String(decoding: run.stdout, as: UTF8.self) == "started\n")
        let quiet = try Subprocess.run("/bin/sleep", ["30"], captureOutput: false, timeout: 0.5)
        #expect(quiet.timedOut)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("a daemon left behind holding output does not stall a run that does not capture it")
    func daemonLeftBehind() throws {
        let start = Date()
        let run = try Subprocess.run("/bin/sh", ["-c", "(sleep 20 &) ; exit 0"], captureOutput: false)
        #expect(run.status == 0)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("a program that does not exist is a clear error")
    func missingProgram() {
        #expect(throws: Subprocess.Failure.self) { try Subprocess.run("/no/such/program", []) }
        do { _ = try Subprocess.run("/no/such/program", []) } catch {
            #expect(error.description == "cannot run '/no/such/program': No such file or directory")
        }
    }
}
