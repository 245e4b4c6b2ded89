#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory a stage has freed back to the operating system between stages.
///
/// glibc's allocator keeps freed blocks in the arena of the thread that freed them (the work
/// pool's threads each have one), so a night's resident size stays at the high-water mark of
/// every stage before: the measure rows of the compute stage (a million rows nationally, freed
/// once published) still counted while the report builds its workbooks. glibc's `malloc_trim`
/// (looked up at run time: the Glibc module does not declare it) returns the free pages of every
/// arena; it changes no value and no output.
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
