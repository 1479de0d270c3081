"""One command from a pretraining checkpoint (or config) to every downstream
number, recorded, collected and written into the README tables:

    python tools/benchmarks/run_benchmark.py PRETRAINING_CONFIG \
        [--checkpoint work_dirs/<pretraining>/epoch_40.pth] [--nproc 2]
    python tools/benchmarks/run_benchmark.py work_dirs/<name>/epoch_40.pth
    python tools/benchmarks/run_benchmark.py configs/dynamonet/dynamonet-fp*.py

For each pretraining config (its ``downstream`` list names the jobs; see
``tools/benchmarks/records.py``):

1. the checkpoint: ``--checkpoint``, else the latest
   ``work_dirs/<config name>/epoch_*.pth``, else the config is trained first;
   given only a ``.pth``, its config is the one its folder is named after
   (``work_dirs/<config name>/epoch_N.pth``);
2. the pretext test (its own config on the checkpoint) and every downstream
   job, recorded by ``record_run.py`` (``tools/dist_train.sh``, then
   ``tools/dist_test.sh``): trained jobs with the job's ``load`` option
   pointing at the checkpoint, once per ``--seeds`` seed; test-only jobs
   once (they are deterministic given the checkpoint). A job already
   recorded in ``<job config dir>/logs/<run name>/`` (``seedN/`` for seed
   N > 0) is collected, not rerun, unless ``--rerun``; a record made for
   another config is refused;
3. the results go into ``<pretraining config dir>/benchmark_results.json``
   (metrics per job, per fold and their mean, mean +- std over seeds, log
   folders, checkpoint); the README's generated blocks and the metafile are
   regenerated from it (``tools/benchmarks/results.py``).

``--pretrain-seeds 0 1 2`` trains the pretraining once per seed (seed N > 0
in ``work_dirs/<name>_seedN/``) and runs every downstream job from each
checkpoint on that seed, so that the spread of each number includes the
pretraining's (its pretext record of seed N in ``logs/<name>/seedN/``).

``--collect-only`` runs nothing (collects what is recorded; jobs with no
record are listed); ``--dry-run`` prints the commands. ``--record-root DIR``
records under DIR instead of the project (to rerun a chain and compare with
the recorded numbers: ``tools/benchmarks/results.py compare``).
"""
import argparse
import glob
import os
import os.path as osp
import shutil
import sys

import record_run
import records as br
import results

from mmmotion.utils.file_hash import sha256

ROOT = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))


def config_of_checkpoint(ckpt):
    """The config a checkpoint was trained with, from the folder it sits in
    (``work_dirs/<config name>/epoch_N.pth``, as the tools write it); the
    checkpoint itself is not unpickled (it may come from elsewhere)."""
    name = osp.basename(osp.dirname(osp.abspath(ckpt)))
    found = glob.glob(osp.join('configs', '*', name + '.py'))
    if len(found) != 1:
        sys.exit(f'{ckpt}: its folder {name!r} names no config under '
                 'configs/ (checkpoints sit in work_dirs/<config name>/); '
                 'give the config and --checkpoint')
    return found[0]


class Runner:

    def __init__(self, args):
        self.args = args
        # a rerun elsewhere keeps its checkpoints apart from the recorded ones
        self.work_root = 'work_dirs' if osp.normpath(args.record_root) == \
            '.' else osp.join('work_dirs', 'rerun')

    def _record(self, config, **kw):
        kw.setdefault('work_root', self.work_root)
        return record_run.record(
            config,
            nproc=self.args.nproc,
            record_root=self.args.record_root,
            port=self.args.port,
            dry_run=self.args.dry_run,
            **kw)

    def pretrain(self, cfg, seed=0):
        self._record(cfg, seed=seed)

    def trained_job(self, job, ckpt, seed=0):
        self._record(
            job['config'],
            seed=seed,
            run_name=job['run_name'],
            extra=['--no-validate', '--cfg-options', f'{job["load"]}={ckpt}'],
            notes=self._notes(ckpt))

    def test_job(self, job, ckpt, seed=0):
        out = self._record(
            job['config'],
            seed=seed,
            run_name=job['run_name'],
            test_only=ckpt,
            notes=self._notes(ckpt),
            work_root=osp.join(self.work_root, 'benchmarks'))
        if self.args.dry_run or job['task'] != 'pretext':
            return
        # the pretraining's training log, when it sits beside its checkpoint
        train_logs = sorted(
            glob.glob(osp.join(osp.dirname(ckpt), '2*', '2*.log')),
            key=osp.getmtime)
        stale = osp.join(out, 'train.log')
        if train_logs:
            shutil.copy(train_logs[-1], stale)
        elif osp.exists(stale):
            os.remove(stale)  # it belongs to another checkpoint

    def _notes(self, ckpt):
        if self.args.dry_run or not osp.isfile(ckpt):
            return {'pretrained checkpoint': ckpt}
        return {
            'pretrained checkpoint': ckpt,
            'pretrained checkpoint sha256': sha256(ckpt)
        }


def _rel(path):
    """A path relative to the project root (None stays None)."""
    return None if path is None else br.norm(osp.relpath(path, ROOT))


def run_jobs(jobs, ckpt, args, runner, rerun, seeds, test_seed, missing):
    """Run (or collect) ``jobs`` from ``ckpt``: trained jobs once per seed
    of ``seeds``, test-only jobs as seed ``test_seed``."""
    sha = sha256(ckpt) if ckpt and osp.isfile(ckpt) else None
    for job in jobs:
        done = {
            r['seed']: r
            for r in br.read_seed_records(job, args.record_root)
        }
        for r in done.values():
            if sha and r['seed'] in seeds + [test_seed] and \
                    r.get('pretrained_sha256') not in (None, sha):
                print(f'warning: {r["log_dir"]} was recorded from another '
                      f'checkpoint than {ckpt} (--rerun to repeat it)')
        for seed in (seeds if job['load'] else [test_seed]):
            where = br.record_dir(job, args.record_root, seed)
            if seed in done and not rerun:
                print(f'recorded: {job["task"]} {job["protocol"] or ""} '
                      f'{where}')
                continue
            if args.collect_only:
                missing.append((job, where))
                continue
            if job['load']:
                runner.trained_job(job, ckpt, seed)
            else:
                runner.test_job(job, ckpt, seed)
    return sha


def benchmark(cfg, args, runner):
    cfg = br.norm(osp.relpath(osp.abspath(cfg), ROOT))
    all_jobs = br.load_jobs(cfg)
    jobs = [j for j in all_jobs if not args.tasks or j['task'] in args.tasks]
    name = br.config_name(cfg)
    # one pretraining (seed 0, or --checkpoint) with --seeds downstream, or
    # one pretraining per --pretrain-seeds seed, each with its downstream
    # jobs run on that seed
    chains = [(0, args.seeds)] if args.pretrain_seeds is None else \
        [(p, [p]) for p in args.pretrain_seeds]
    missing, ckpts, sha = [], [], None
    for pseed, seeds in chains:
        work = record_run.work_dir(cfg, name, pseed, runner.work_root)
        ckpt = (args.checkpoint if args.pretrain_seeds is None else None) \
            or _rel(record_run.last_checkpoint(work))
        rerun = args.rerun and not args.collect_only
        todo = jobs
        if ckpt is None and not args.collect_only:
            runner.pretrain(cfg, pseed)  # records the pretext job as well
            ckpt = _rel(record_run.last_checkpoint(work)) or \
                f'{work}/epoch_N.pth'
            # a new checkpoint: the records of the old one no longer apply
            rerun = True
            todo = [j for j in jobs if j['task'] != 'pretext']
        sha = run_jobs(todo, ckpt, args, runner, rerun, seeds, pseed, missing)
        ckpts.append(ckpt)
    for job, where in missing:
        print(f'not recorded: {job["task"]} {job["protocol"] or ""} '
              f'{job["config"]} -> {where}')
    if args.dry_run:
        return
    # every job's record, also those --tasks left alone: the results file
    # holds the whole chain
    records = [br.read_record(j, args.record_root) for j in all_jobs]
    records = [r for r in records if r is not None]
    entry = br.results_entry(cfg, records,
                             ckpts[0] if len(ckpts) == 1 else ckpts)
    entry['checkpoint_sha256'] = sha if len(ckpts) == 1 else None
    path = osp.join(args.record_root, br.results_path(cfg))
    br.update_results(path, name, entry)
    print(f'results: {path}')
    for j in entry['jobs']:
        keys = [k for t, k, _ in results.tables.TABLE_COLUMNS
                if t == j['task']] or \
            sorted(j['metrics'])[:4]
        vals = ', '.join(f'{k} {j["metrics"][k]:.4f}' for k in keys
                         if k in j['metrics'])
        n = f' (n={j["n"]})' if j.get('n', 1) > 1 else ''
        print(f'  {j["task"]:12s} {j["protocol"] or "":10s} '
              f'{"fold " + str(j["fold"]) if j["fold"] else "":10s} '
              f'{vals}{n}')


def update_tables(method_dir, record_root):
    """Regenerate the README blocks and the metafile from the results file.

    With ``--record-root`` elsewhere, the table is printed, nothing in the
    project is rewritten."""
    if not osp.isfile(
            osp.join(record_root, method_dir, 'benchmark_results.json')):
        return
    files = results.readme_text(method_dir, record_root)
    if osp.normpath(record_root) == '.' and osp.isfile(
            osp.join(method_dir, 'metafile_extra.yml')):
        files.update(results.metafile_text(method_dir))
    results.write_or_check(files, check=False)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument(
        'pretraining',
        nargs='+',
        help='pretraining configs, or one pretraining checkpoint')
    ap.add_argument(
        '--checkpoint', help='the pretraining checkpoint (one '
        'config only)')
    ap.add_argument('--nproc', type=int, default=2)
    ap.add_argument('--port', type=int, default=29620)
    ap.add_argument('--tasks', nargs='+', choices=br.TASKS)
    ap.add_argument(
        '--pretrain-seeds',
        nargs='+',
        type=int,
        help='train the pretraining once per seed (work_dirs/<name>_seedN/ '
        'for N > 0) and run every downstream job from each checkpoint, on '
        'that seed')
    ap.add_argument(
        '--seeds',
        nargs='+',
        type=int,
        default=[0],
        help='seeds of the trained jobs (fine-tune, linear '
        'probe); the tables show their mean +- std')
    ap.add_argument(
        '--rerun', action='store_true', help='rerun recorded jobs too')
    ap.add_argument('--collect-only', action='store_true')
    ap.add_argument('--dry-run', action='store_true')
    ap.add_argument('--record-root', default='.')
    ap.add_argument(
        '--no-tables',
        action='store_true',
        help='do not regenerate README tables')
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    configs = args.pretraining
    if len(configs) == 1 and configs[0].endswith('.pth'):
        args.checkpoint = configs[0]
        configs = [config_of_checkpoint(configs[0])]
        print(f'{args.checkpoint}: pretraining config {configs[0]}')
    if args.checkpoint and args.pretrain_seeds is not None:
        sys.exit('--checkpoint is one pretraining; --pretrain-seeds trains '
                 'one per seed')
    if args.checkpoint and len(configs) > 1:
        sys.exit('--checkpoint goes with one pretraining config')
    if args.checkpoint and not osp.isfile(args.checkpoint):
        sys.exit(f'checkpoint not found: {args.checkpoint}')
    runner = Runner(args)
    for cfg in configs:
        try:
            benchmark(cfg, args, runner)
        except ValueError as e:
            sys.exit(str(e))
        except record_run.subprocess.CalledProcessError as e:
            sys.exit(f'{cfg}: a downstream job failed: {" ".join(e.cmd)}')
    if not (args.no_tables or args.dry_run):
        for d in sorted({osp.dirname(br.norm(c)) for c in configs}):
            try:
                update_tables(d, args.record_root)
            except ValueError as e:
                sys.exit(str(e))


if __name__ == '__main__':
    main()
