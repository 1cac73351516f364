/// How many scan threads `vigil scan` starts, and so, with the sandbox, how many
/// `vigil scan-worker` processes.
///
/// Owns: that one decision, as a pure function of what the command line names. Must not:
/// read files or rules.
///
/// Every thread's worker starts before the walk (one start-up, side by side), and a
/// worker is a whole process: exec, the dynamic loader, the rules image, libmagic, the
/// sandbox. That is about 28 ms of CPU and 3,500 page faults each (perf stat, bench
/// rules, this machine), more than scanning a few small files takes. A run that names
/// only regular files, and no folder, list or standard input, cannot use more threads
/// than files, so it starts no more than that. A folder that holds a handful of small
/// files arrives here as those files (FolderLookahead); an empty one as one.
public enum ThreadChoice {
    public static func count(asked: Int, targets: [PrefilterChoice.Target?], fileList: Bool) -> Int {
        let asked = max(1, asked)
        // Standard input alone names no target: it is scanned on its own (one worker).
        if fileList || targets.isEmpty { return asked }
        // A folder holds any number of files; a name that cannot be looked at is one
        // file (its error is reported like a file's).
        if targets.contains(where: { $0?.isDirectory == true }) { return asked }
        return min(asked, targets.count)
    }
}
