"""Test a checkpoint: the interface of MMAction2's ``tools/test.py``.

Adapted from MMAction2 (Apache-2.0). Adds: mmmotion's stack fixes, distributed
testing without CUDA (gloo), and the metrics written to
``<work_dir>/test_metrics.json``.
"""
import argparse
import json
import os
import os.path as osp

from mmengine.config import Config, DictAction
from mmengine.runner import Runner

import mmmotion  # noqa: F401  (applies the stack fixes, registers modules)
from mmmotion.datasets.worker_faults import explain as explain_worker_fault
from mmmotion.registry import RUNNERS
from mmmotion.utils.dist import setup_cpu_distributed


def parse_args():
    parser = argparse.ArgumentParser(
        description='MMAction2 test (and eval) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument(
        'checkpoint',
        help='checkpoint file, or "none" to test the model as initialised '
        '(its init_weights: a random-weights baseline)')
    parser.add_argument(
        '--work-dir',
        help='the directory to save the file containing evaluation metrics')
    parser.add_argument(
        '--dump',
        type=str,
        help='dump predictions to a pickle file for offline evaluation')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override some settings in the used config, the key-value pair '
        'in xxx=yyy format will be merged into config file. If the value to '
        'be overwritten is a list, it should be like key="[a,b]" or key=a,b '
        'It also allows nested list/tuple values, e.g. key="[(a,b),(c,d)]" '
        'Note that the quotation marks are necessary and that no white space '
        'is allowed.')
    parser.add_argument(
        '--show-dir',
        help='directory where the visualization images will be saved.')
    parser.add_argument(
        '--show',
        action='store_true',
        help='whether to display the prediction results in a window.')
    parser.add_argument(
        '--interval',
        type=int,
        default=1,
        help='visualize per interval samples.')
    parser.add_argument(
        '--wait-time',
        type=float,
        default=2,
        help='display time of every window. (second)')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument(
        '--split',
        choices=['test', 'val'],
        default='test',
        help='the dataset and evaluator to test on: the config\'s test ones, '
        'or its validation ones (e.g. the held-out clips a pretraining '
        'validates on, measured again from a checkpoint)')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def merge_args(cfg, args):
    """Merge CLI arguments to config."""
    # -------------------- visualization --------------------
    if args.show or (args.show_dir is not None):
        assert 'visualization' in cfg.default_hooks, \
            'VisualizationHook is not set in the `default_hooks` field of ' \
            'config. Please set `visualization=dict(type="VisualizationHook")`'

        cfg.default_hooks.visualization.enable = True
        cfg.default_hooks.visualization.show = args.show
        cfg.default_hooks.visualization.wait_time = args.wait_time
        cfg.default_hooks.visualization.out_dir = args.show_dir
        cfg.default_hooks.visualization.interval = args.interval

    # -------------------- Dump predictions --------------------
    if args.dump is not None:
        assert args.dump.endswith(('.pkl', '.pickle')), \
            'The dump file must be a pkl file.'
        dump_metric = dict(type='DumpResults', out_file_path=args.dump)
        if isinstance(cfg.test_evaluator, (list, tuple)):
            cfg.test_evaluator = list(cfg.test_evaluator)
            cfg.test_evaluator.append(dump_metric)
        else:
            cfg.test_evaluator = [cfg.test_evaluator, dump_metric]

    return cfg


def main():
    args = parse_args()

    # load config
    cfg = Config.fromfile(args.config)
    cfg = merge_args(cfg, args)
    cfg.launcher = args.launcher
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    if args.split == 'val':
        if cfg.get('val_dataloader') is None or \
                cfg.get('val_evaluator') is None:
            raise SystemExit(f'{args.config}: --split val, but the config '
                             'has no val_dataloader / val_evaluator')
        cfg.test_dataloader = cfg.val_dataloader
        cfg.test_evaluator = cfg.val_evaluator
        cfg.test_cfg = cfg.get('test_cfg') or dict(type='TestLoop')

    # work_dir is determined in this priority: CLI > segment in file > filename
    if args.work_dir is not None:
        # update configs according to CLI args if args.work_dir is not None
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        # use config filename as default work_dir if cfg.work_dir is None
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])

    random_init = args.checkpoint.lower() == 'none'
    cfg.load_from = None if random_init else args.checkpoint
    setup_cpu_distributed(cfg, args.launcher)

    # build the runner from config
    if 'runner_type' not in cfg:
        # build the default runner
        runner = Runner.from_cfg(cfg)
    else:
        # build customized runner from the registry
        # if 'runner_type' is set in the cfg
        runner = RUNNERS.build(cfg)

    # start testing
    if random_init:
        # under a launcher the model is wrapped (DDP): initialise the module;
        # every rank draws the same weights from the same seed
        model = getattr(runner.model, 'module', runner.model)
        model.init_weights()
    try:
        metrics = runner.test()
    except RuntimeError as e:
        # a dead loader worker: name the samples it held (worker_faults.py)
        why = explain_worker_fault(e)
        if why is None:
            raise
        raise RuntimeError(why) from e
    if runner.rank == 0:
        out = osp.join(runner.log_dir, 'test_metrics.json')
        with open(out, 'w') as f:
            json.dump({k: float(v) for k, v in metrics.items()}, f, indent=2)
        runner.logger.info(f'metrics written to {out}')


if __name__ == '__main__':
    main()
