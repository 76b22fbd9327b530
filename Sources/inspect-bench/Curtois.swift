import ArgumentParser
import Foundation
import RosterEngine

/// `inspect-bench curtois FILE`: solve one instance of the Curtois shift-scheduling benchmark.
struct Curtois: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a Curtois benchmark instance (schedulingbenchmarks.org text format).",
        discussion: """
            The last line of standard output is
              instance=NAME objective=N feasible=yes|no seconds=S
            Progress (best objective over time) goes to standard error.
            """)

    @Argument(help: "The instance file, e.g. Instance5.txt.")
    var file: String

    @Option(help: "Wall-clock limit in seconds (default 10 unless --iterations is given).")
    var timeLimit: Double?

    @Option(help: "Iteration budget per thread; with it alone a run is reproducible.")
    var iterations: Int?

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (a portfolio of seeds).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Write the roster here (format read by eval_curtois.py).")
    var rosterOut: String?

    @Option(
        help: ArgumentHelp(
            "Search parameters to override, e.g. startTemperature=30,rowOptimizeWeight=0.01 (for tuning).",
            visibility: .hidden))
    var tune: String?

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be positive") }
        if let iterations, iterations <= 0 { throw ValidationError("--iterations must be positive") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let start = ContinuousClock.now
        let url = URL(fileURLWithPath: file)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let name = url.deletingPathExtension().lastPathComponent
        let problem: RosterProblem
        do {
            problem = try CurtoisFormat.parse(text, name: name)
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        let limit = timeLimit ?? (iterations == nil ? 10 : nil)
        let seconds: @Sendable () -> Double = {
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        // Leave a margin for writing the answer.
        var timeProgress: (@Sendable () -> Double)?
        if let limit {
            let usable = max(limit - 0.05, 0.01)
            timeProgress = { seconds() / usable }
        }
        let budget = SearchBudget(iterations: iterations, timeProgress: timeProgress)
        FileHandle.standardError.write(
            "\(name): \(problem.employeeCount) staff, \(problem.horizon) days, \(problem.shiftCount) shift types; "
                + "seed \(seed), \(threads) thread(s)\n")
        let progress = ProgressLine(seconds: seconds)
        var parameters = SearchParameters()
        for item in (tune ?? "").split(separator: ",") {
            let kv = item.split(separator: "=")
            guard kv.count == 2, let value = Double(kv[1]), parameters.set(String(kv[0]), to: value) else {
                throw ValidationError("--tune: cannot apply '\(item)'")
            }
        }
        let result = RosterSolver.solve(
            problem, seed: seed, threads: threads, budget: budget, parameters: parameters,
            onImprovement: { thread, objective in progress.improved(objective, thread: thread) })
        let evaluation = result.evaluation
        if let rosterOut {
            do {
                try CurtoisFormat.write(result.roster, for: problem).write(
                    toFile: rosterOut, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(rosterOut): \(error.localizedDescription)")
            }
        }
        for violation in evaluation.violations.prefix(20) {
            print("hard violation: \(violation)")
        }
        print(
            "penalties: shift_on_requests=\(evaluation.shiftOnRequests) shift_off_requests=\(evaluation.shiftOffRequests) "
                + "cover_under=\(evaluation.coverUnder) cover_over=\(evaluation.coverOver) iterations=\(result.iterations)")
        print(
            "instance=\(name) objective=\(evaluation.objective) feasible=\(evaluation.isFeasible ? "yes" : "no") "
                + "seconds=\(String(format: "%.2f", seconds()))")
    }
}

/// Prints each new best objective (over all threads) to standard error.
private final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var best = Int.max
    private let seconds: @Sendable () -> Double

    init(seconds: @escaping @Sendable () -> Double) { self.seconds = seconds }

    func improved(_ objective: Int, thread: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard objective < best else { return }
        best = objective
        FileHandle.standardError.write(String(format: "%8.3fs  best %d  (thread %d)\n", seconds(), objective, thread))
    }
}

extension FileHandle {
    fileprivate func write(_ string: String) { write(string.data(using: .utf8)!) }
}
