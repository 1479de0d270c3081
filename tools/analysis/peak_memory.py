"""Peak live tensor memory of a piece of work, for the cost scripts
(``tools/analysis/cost_*.py``)."""
from typing import Callable


def live_peak_mb(work: Callable[[], object]) -> float:
    """Peak live tensor memory (MB) of one call of ``work``, above what was
    alive before it.

    On CUDA: ``torch.cuda.max_memory_allocated`` after a reset. On CPU, which
    has no allocator statistics: the running sum of ``torch.profiler``'s
    allocation and free events, in time order (the same quantity). Unlike the
    process's resident set, it leaves out the C allocator's caching and
    fragmentation, which vary from run to run.
    """
    import torch
    if torch.cuda.is_available():
        torch.cuda.synchronize()
        base = torch.cuda.memory_allocated()
        torch.cuda.reset_peak_memory_stats()
        work()
        torch.cuda.synchronize()
        return (torch.cuda.max_memory_allocated() - base) / 2**20
    from torch.profiler import ProfilerActivity, profile
    with profile(
            activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
        work()
    events = sorted((e.start_ns(), e.nbytes())
                    for e in prof.profiler.kineto_results.events()
                    if e.name() == '[memory]')
    cur = peak = 0
    for _, nbytes in events:
        cur += nbytes
        peak = max(peak, cur)
    return peak / 2**20
