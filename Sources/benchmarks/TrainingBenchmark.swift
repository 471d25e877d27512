// Training benchmark (the numerics training part of `benchmarks numerics`): seconds per epoch of the seed
// experiment's CNN on the 2,000 MNIST training images on one core, beside NumPy doing the same epoch
// (Sources/benchmarks/reference/cnn_epoch.py), evaluation throughput, and what the course's 7 × 7
// initializer grid costs at full size and reduced, with one reduced grid actually run on two threads.
import Foundation
import Numerics

extension NumericsBenchmark {
    static func training() {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs-src/data/mnist")
        let data: DataSplits
        do { data = try MNIST.load(from: directory) } catch {
            print("training: MNIST not readable (\(error))")
            return
        }
        let numpy = numpyEpochSeconds()
        var perImage = (train: 0.0, evaluate: 0.0)
        for channels in [8, 16] {
            // One epoch on all 2,000 images; validation and test cut to one image so the run is the epoch.
            let configuration = TrainingConfiguration(model: .seedCNN(convolution: .he(.normal), dense: .xavier(.uniform), channels: channels),
                                                      optimizer: .adamW(learningRate: 1e-3), epochs: 1, batchSize: 32,
                                                      validationExamples: 1, testExamples: 1, testEveryEpoch: false, threads: 1)
            var cpu = Double.infinity
            let wall = best(3) {
                let start = threadCPUSeconds()
                _ = try! configuration.run(on: data, seed: 1)
                cpu = min(cpu, threadCPUSeconds() - start)
            }
            var model = try! configuration.model.build(seed: 1)
            var evaluationCPU = Double.infinity
            let evaluation = best(3) {
                let start = threadCPUSeconds()
                _ = model.evaluate(on: data.test)
                evaluationCPU = min(evaluationCPU, threadCPUSeconds() - start)
            }
            let images = Double(data.test.count)
            var line = "cnn epoch (conv 3×3×\(channels) + ReLU, max-pool, dense 64 + sigmoid, dense 10; 2,000 images, batch 32, AdamW, 1 thread): "
            line += "\(format(wall, 3)) s wall, \(format(cpu, 3)) s CPU"
            if let reference = numpy.epoch[channels] {
                line += "; numpy \(format(reference.wall, 3)) s wall, \(format(reference.cpu, 3)) s CPU: \(format(reference.wall / wall, 1))× faster by wall clock, \(format(reference.cpu / cpu, 1))× by CPU time"
            }
            print(line)
            line = "  forward-only evaluation (10,000 test images, batches of 100): \(format(images / evaluation / 1000, 1))k images/s wall, \(format(images / evaluationCPU / 1000, 1))k/s CPU"
            if let reference = numpy.evaluation[channels] {
                line += "; numpy \(format(reference.wall / 1000, 1))k/s wall, \(format(reference.cpu / 1000, 1))k/s CPU: \(format(images / evaluation / reference.wall, 1))× and \(format(images / evaluationCPU / reference.cpu, 1))×"
            }
            print(line)
            if channels == 8 { perImage = (cpu / Double(data.train.count), evaluationCPU / Double(data.test.count)) }
        }
        gridCosts(perImage: perImage, data: data)
        study(data: data, directory: directory)
    }

    /// A 100-trial TPE study of seed 003's search space (conv init × dense init over seven initializers,
    /// learning rate 5e-4…1e-2 log), each trial up to 8 epochs on the 2,000 training images with early stopping
    /// (patience 2) on the 2,000 validation images, scored on the 5,000 trial images, tested on all 10,000;
    /// on two workers, as a course build runs it.
    static func study(data: DataSplits, directory: URL) {
        guard let trial = try? MNIST.readSplit(images: directory.appendingPathComponent("trial-images-idx3-ubyte"),
                                               labels: directory.appendingPathComponent("trial-labels-idx1-ubyte")) else {
            print("study: the trial split is not readable")
            return
        }
        let inits: [Initializer] = [.zeros, .constant(0.5), .normal(std: 0.01), .xavier(.uniform), .xavier(.normal), .he(.uniform), .he(.normal)]
        let space = SearchSpace([("conv-init", .categorical(inits.map(\.identifier))), ("fc-init", .categorical(inits.map(\.identifier))),
                                 ("lr", .continuous(lower: 5e-4, upper: 1e-2, log: true))])
        let configuration = StudyConfiguration(search: HyperparameterSearch(space: space, sampler: .tpe(TreeParzen()), seed: 1),
                                               trials: 100, patience: 2) { point in
            TrainingConfiguration(model: .seedCNN(convolution: inits[point[0].category!], dense: inits[point[1].category!]),
                                  optimizer: .adamW(learningRate: Float(point[2].number!)), epochs: 8, batchSize: 32)
        }
        var result: StudyResult?
        let cpuStart = processCPUSeconds()
        let wall = best(1) { result = try! configuration.run(on: StudyData(splits: data, trial: trial), workers: 2) }
        let cpu = processCPUSeconds() - cpuStart
        let trials = result!.trials, top = result!.best
        let epochs = trials.reduce(0) { $0 + $1.epochsRun }
        print("study (100 TPE trials, ≤ 8 epochs, patience 2, trial split 5,000, test 10,000; 2 workers): \(format(wall, 1)) s wall, \(format(cpu, 1)) s CPU (both workers: half of it is the wall time on two idle cores), "
              + "\(epochs) epochs in all; best trial \(top.number): \(space.dimensions.indices.map { d in top.point[d].number.map { format($0 * 1e3, 2) + "e-3" } ?? inits[top.point[d].category!].identifier }.joined(separator: ", ")), "
              + "trial accuracy \(format(100 * top.score, 1))%, test \(format(100 * top.testAccuracy, 1))%")
    }

    /// The 7 × 7 grid of the seed experiment (conv init × FC init), priced from the measured per-image costs,
    /// and one reduced grid run for real on two threads.
    static func gridCosts(perImage: (train: Double, evaluate: Double), data: DataSplits) {
        func seconds(runs: Int, epochs: Int, train: Int, validation: Int, test: Int) -> Double {
            Double(runs) * (Double(epochs) * (Double(train) * perImage.train + Double(validation) * perImage.evaluate)
                            + Double(test) * perImage.evaluate)
        }
        let pairs = 49
        let full = seconds(runs: pairs * 3 * 3, epochs: 5, train: 2000, validation: 2000, test: 10000)
        let reduced = seconds(runs: pairs, epochs: 2, train: 2000, validation: 1000, test: 2000)
        let smallest = seconds(runs: pairs, epochs: 1, train: 1000, validation: 500, test: 1000)
        print("seed grid 7×7 inits, CPU-seconds priced from the CPU times above (divide by 2 for two cores): full (3 rates × 3 seeds × 5 epochs, all images, test at the end) \(format(full, 0)) s; "
              + "1 rate × 1 seed × 2 epochs, validation 1,000, test 2,000: \(format(reduced, 1)) s; 1 epoch on 1,000 images, validation 500, test 1,000: \(format(smallest, 1)) s")
        let inits: [Initializer] = [.zeros, .constant(0.5), .normal(std: 0.01), .xavier(.uniform), .xavier(.normal), .he(.uniform), .he(.normal)]
        let jobs = inits.flatMap { conv in
            inits.map { dense in
                (TrainingConfiguration(model: .seedCNN(convolution: conv, dense: dense), optimizer: .adamW(learningRate: 3e-3), epochs: 1,
                                       batchSize: 32, trainingExamples: 1000, validationExamples: 500, testExamples: 1000, testEveryEpoch: false), UInt64(1))
            }
        }
        var runs: [TrainingRun] = []
        let wall = best(1) { runs = try! Training.run(jobs, on: data, parallelism: 2) }
        let accuracies = runs.map(\.testAccuracy)
        print("  ran the smallest grid (49 runs, 2 at a time): \(format(wall, 2)) s wall; test accuracy \(format(100 * accuracies.min()!, 1))…\(format(100 * accuracies.max()!, 1))% "
              + "(He-normal conv × Xavier-uniform FC \(format(100 * runs[6 * 7 + 3].testAccuracy, 1))%, zeros × zeros \(format(100 * runs[0].testAccuracy, 1))%)")
    }

    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// NumPy's figures by channel count (one BLAS thread): seconds per epoch and evaluation images per second,
    /// each by wall clock and by the thread's CPU time; empty when python3/numpy are missing.
    static func numpyEpochSeconds() -> (epoch: [Int: (wall: Double, cpu: Double)], evaluation: [Int: (wall: Double, cpu: Double)]) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference/cnn_epoch.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "8", "16"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return ([:], [:]) }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var epoch: [Int: (wall: Double, cpu: Double)] = [:], evaluation: [Int: (wall: Double, cpu: Double)] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let channels = Int(fields[1]), let wall = Double(fields[2]), let cpu = Double(fields[3]) else { continue }
            if fields[0] == "cnn-epoch" { epoch[channels] = (wall, cpu) }
            if fields[0] == "cnn-eval" { evaluation[channels] = (wall, cpu) }
        }
        return (epoch, evaluation)
    }
}
