"""One command from a pretraining checkpoint (or config) to every downstream
number, recorded, collected and written into the README tables:

    python tools/benchmarks/run_benchmark.py \
        configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_msr-action3d-train-depth-64px.py \
        [--checkpoint work_dirs/<pretraining>/epoch_40.pth] [--nproc 2]
    python tools/benchmarks/run_benchmark.py work_dirs/<pretraining>/epoch_40.pth
    python tools/benchmarks/run_benchmark.py configs/dynamonet/*fp-pretrain*.py

For each pretraining config (its ``downstream`` list names the jobs; see
``mmmotion/utils/benchmark_records.py``):

1. the checkpoint: ``--checkpoint``, else the latest
   ``work_dirs/<config name>/epoch_*.pth``, else the config is trained first
   (``tools/train_test_record.sh``, ``tools/dist_train.sh`` underneath);
   given only a ``.pth``, its config is the one its folder is named after
   (``work_dirs/<config name>/epoch_N.pth``);
2. the pretext test (its own config on the checkpoint) and every downstream
   job: trained jobs through ``tools/train_test_record.sh``
   (``tools/dist_train.sh``, then ``tools/dist_test.sh``) with the job's
   ``load`` option pointing at the checkpoint; test-only jobs through
   ``tools/dist_test.sh``. A job already recorded in
   ``<job config dir>/logs/<run name>/`` is collected, not rerun, unless
   ``--rerun``; a record made for another config is refused;
3. the results go into ``<pretraining config dir>/benchmark_results.json``
   (metrics per job, per fold and their mean, log folders, checkpoint); the
   README's generated table (between the benchmark-table markers) and the
   metafile (``configs/<method>/make_metafile.sh``, which runs
   ``tools/benchmarks/make_metafile.py``) are regenerated from it.

``--collect-only`` runs nothing (collects what is recorded; jobs with no
record are listed); ``--dry-run`` prints the commands. ``--record-root DIR``
records under DIR instead of the project (to rerun a chain and compare with
the recorded numbers: ``tools/benchmarks/compare_records.py``).
"""
import argparse
import glob
import hashlib
import os
import os.path as osp
import shutil
import subprocess
import sys
import time

ROOT = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))
sys.path.insert(0, ROOT)
from mmmotion.utils import benchmark_records as br  # noqa: E402

README_PRETEXT_KEYS = {
    'coarse_to_fine_motion': ['motion/pred_l1', 'motion/pred_ssim'],
    'dynamonet': ['frame_pred/ssim', 'frame_pred/ssim_copy_last'],
    'atomic_flow': ['atomic_flow/top1', 'atomic_flow/epe'],
}


def sha256(path, chunk=1 << 20):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(chunk), b''):
            h.update(block)
    return h.hexdigest()


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
        self.env = dict(os.environ, PORT=str(args.port),
                        RECORD_ROOT=args.record_root)
        # a rerun elsewhere keeps its checkpoints apart from the recorded ones
        self.work_root = 'work_dirs' if osp.normpath(args.record_root) == \
            '.' else osp.join('work_dirs', 'rerun')
        self.env['WORK_ROOT'] = self.work_root
        self.env['PATH'] = osp.dirname(sys.executable) + os.pathsep + \
            self.env.get('PATH', '')

    def sh(self, cmd):
        print('+', ' '.join(cmd), flush=True)
        if self.args.dry_run:
            return
        subprocess.run(cmd, check=True, env=self.env, cwd=ROOT)

    def pretrain(self, cfg):
        self.sh(['bash', 'tools/train_test_record.sh', cfg,
                 str(self.args.nproc)])

    def trained_job(self, job, ckpt):
        env_run = ['env', f'RUN_NAME={job["run_name"]}']
        self.sh(env_run + ['bash', 'tools/train_test_record.sh',
                           job['config'], str(self.args.nproc),
                           '--no-validate', '--cfg-options',
                           f'{job["load"]}={ckpt}'])
        if not self.args.dry_run:
            self._note(job, ckpt)

    def test_job(self, job, ckpt):
        work = osp.join(self.work_root, 'benchmarks', job['run_name'])
        self.sh(['bash', 'tools/dist_test.sh', job['config'], ckpt,
                 str(self.args.nproc), '--work-dir', work])
        if self.args.dry_run:
            return
        run = max(glob.glob(osp.join(ROOT, work, '*', 'test_metrics.json')),
                  key=osp.getmtime)
        out = br.record_dir(job, self.args.record_root)
        os.makedirs(out, exist_ok=True)
        shutil.copy(run, osp.join(out, 'test_metrics.json'))
        log = glob.glob(osp.join(osp.dirname(run), '*.log'))
        shutil.copy(log[0], osp.join(out, 'test.log'))
        # the pretraining's training log, when it sits beside its checkpoint
        # and this is the pretext record
        if job['task'] == 'pretext':
            train_logs = sorted(glob.glob(osp.join(
                osp.dirname(ckpt), '2*', '2*.log')), key=osp.getmtime)
            stale = osp.join(out, 'train.log')
            if train_logs:
                shutil.copy(train_logs[-1], stale)
            elif osp.exists(stale):
                os.remove(stale)  # it belongs to another checkpoint
        with open(osp.join(out, 'time.txt'), 'w') as f:
            f.write(f'config: {job["config"]}\n'
                    f'checkpoint tested: {ckpt}\n'
                    f'processes: {self.args.nproc}\n'
                    f'date: {time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())}'
                    '\n')
        self._note(job, ckpt)

    def _note(self, job, ckpt):
        path = osp.join(br.record_dir(job, self.args.record_root),
                        'time.txt')
        with open(path, 'a') as f:
            f.write(f'pretrained checkpoint: {ckpt}\n'
                    f'pretrained checkpoint sha256: {sha256(ckpt)}\n')


def benchmark(cfg, args, runner):
    cfg = br._norm(osp.relpath(osp.abspath(cfg), ROOT))
    jobs = br.load_jobs(cfg)
    if args.tasks:
        jobs = [j for j in jobs if j['task'] in args.tasks]
    name = br.config_name(cfg)
    ckpt = args.checkpoint or br.latest_checkpoint(
        osp.join('work_dirs', name))
    rerun = args.rerun and not args.collect_only
    if ckpt is None and not args.collect_only:
        runner.pretrain(cfg)  # records the pretext job as well
        ckpt = br.latest_checkpoint(osp.join('work_dirs', name)) or \
            f'work_dirs/{name}/epoch_N.pth'
        # a new checkpoint: the records of the old one no longer apply
        rerun = True
        jobs = [j for j in jobs if j['task'] != 'pretext']
        records = [br.read_record(br.load_jobs(cfg)[0], args.record_root)]
    else:
        records = []
    sha = sha256(ckpt) if ckpt and osp.isfile(ckpt) else None
    missing = []
    for job in jobs:
        rec = br.read_record(job, args.record_root)
        if rec is not None and sha and rec.get('pretrained_sha256') not in \
                (None, sha):
            print(f'warning: {br.record_dir(job, args.record_root)} was '
                  f'recorded from another checkpoint than {ckpt} '
                  '(--rerun to repeat it)')
        if rec is not None and not rerun:
            print(f'recorded: {job["task"]} {job["protocol"] or ""} '
                  f'{br.record_dir(job, args.record_root)}')
            records.append(rec)
            continue
        if args.collect_only:
            missing.append(job)
            continue
        if job['load']:
            runner.trained_job(job, ckpt)
        else:
            runner.test_job(job, ckpt)
        if not args.dry_run:
            records.append(br.read_record(job, args.record_root))
    records = [r for r in records if r is not None]
    for job in missing:
        print(f'not recorded: {job["task"]} {job["protocol"] or ""} '
              f'{job["config"]} -> {br.record_dir(job, args.record_root)}')
    if args.dry_run:
        return
    entry = br.results_entry(cfg, records, ckpt)
    entry['checkpoint_sha256'] = sha
    path = osp.join(args.record_root, br.results_path(cfg))
    br.update_results(path, name, entry)
    print(f'results: {path}')
    for j in entry['jobs']:
        keys = [k for t, k, _ in br.TABLE_COLUMNS if t == j['task']] or \
            sorted(j['metrics'])[:4]
        vals = ', '.join(f'{k} {j["metrics"][k]:.4f}' for k in keys
                         if k in j['metrics'])
        print(f'  {j["task"]:12s} {j["protocol"] or "":10s} '
              f'{"fold " + str(j["fold"]) if j["fold"] else "":10s} {vals}')


def update_tables(method_dir, record_root):
    """Regenerate the README table and the metafile from the results file.

    With ``--record-root`` elsewhere, the table is printed, nothing in the
    project is rewritten."""
    import json
    path = osp.join(record_root, method_dir, 'benchmark_results.json')
    if not osp.isfile(path):
        return
    with open(path) as f:
        data = json.load(f)
    br.check_results(data, path)
    readme = osp.join(method_dir, 'README.md')
    method = osp.basename(osp.normpath(method_dir))
    table = br.render_table(data, method_dir,
                            README_PRETEXT_KEYS.get(method))
    if osp.normpath(record_root) != '.':
        print(table)
        return
    text = open(readme).read() if osp.isfile(readme) else ''
    if br.BEGIN not in text:
        print(f'{readme} has no benchmark table markers ({br.BEGIN} ... '
              f'{br.END}); the table:\n{table}')
        return
    new = br.replace_block(text, table, readme)
    if new != text:
        with open(readme, 'w') as f:
            f.write(new)
    print(f'table regenerated: {readme}')
    script = osp.join(method_dir, 'make_metafile.sh')
    if osp.isfile(script):
        subprocess.run(['bash', script], check=True, cwd=ROOT,
                       env=dict(os.environ, PYTHON=sys.executable))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('pretraining', nargs='+',
                    help='pretraining configs, or one pretraining checkpoint')
    ap.add_argument('--checkpoint', help='the pretraining checkpoint (one '
                    'config only)')
    ap.add_argument('--nproc', type=int, default=2)
    ap.add_argument('--port', type=int, default=29620)
    ap.add_argument('--tasks', nargs='+', choices=br.TASKS)
    ap.add_argument('--rerun', action='store_true',
                    help='rerun recorded jobs too')
    ap.add_argument('--collect-only', action='store_true')
    ap.add_argument('--dry-run', action='store_true')
    ap.add_argument('--record-root', default='.')
    ap.add_argument('--no-tables', action='store_true',
                    help='do not regenerate README tables')
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    configs = args.pretraining
    if len(configs) == 1 and configs[0].endswith('.pth'):
        args.checkpoint = configs[0]
        configs = [config_of_checkpoint(configs[0])]
        print(f'{args.checkpoint}: pretraining config {configs[0]}')
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
        except subprocess.CalledProcessError as e:
            sys.exit(f'{cfg}: a downstream job failed: {" ".join(e.cmd)}')
    if not (args.no_tables or args.dry_run):
        for d in sorted({osp.dirname(br._norm(c)) for c in configs}):
            try:
                update_tables(d, args.record_root)
            except ValueError as e:
                sys.exit(str(e))


if __name__ == '__main__':
    main()
