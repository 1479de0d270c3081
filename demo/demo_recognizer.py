"""Class scores of a trained recognizer on a video, the top ones printed.

    python demo/demo_recognizer.py VIDEO CONFIG CHECKPOINT \
        [--label-map classes.txt] [--top-k 5] [--windows pipeline|all]

MMAction2's own ``demo/demo.py`` lives in its source repository, not in the
installed package, so this one ships here; it runs the recognizer through
``mmmotion.apis.inference_motion`` (the config's test pipeline, as MMAction2's
``inference_recognizer``; ``--windows all`` averages windows that slide over
the whole video). Class names: ``--label-map``, one per line, else the
``classes.txt`` that the data converters write beside the config's
annotation file, else class indices. A DynamoNet with its classifier
(joint training) gives its class scores too.
"""
import argparse
import os.path as osp

from mmmotion.apis import (FramePredictionResult, RecognitionResult,
                           inference_motion, init_model)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('video')
    p.add_argument('config')
    p.add_argument('checkpoint')
    p.add_argument('--label-map', help='class names, one a line')
    p.add_argument('--top-k', type=int, default=5)
    p.add_argument(
        '--windows', default='pipeline', choices=('pipeline', 'all'))
    p.add_argument('--device', default='cpu')
    return p.parse_args(argv)


def class_names(cfg, path=None):
    if path is None:
        for split in ('test', 'val', 'train'):
            ann = ((cfg.get(f'{split}_dataloader') or {}).get('dataset')
                   or {}).get('ann_file')
            if ann and osp.isfile(osp.join(osp.dirname(ann), 'classes.txt')):
                path = osp.join(osp.dirname(ann), 'classes.txt')
                break
    if path is None:
        return None
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def main(argv=None):
    args = parse_args(argv)
    if not osp.isfile(args.video):
        raise SystemExit(f'{args.video}: no such file')
    model = init_model(args.config, args.checkpoint, args.device)
    res = inference_motion(model, args.video, windows=args.windows)
    if isinstance(res, FramePredictionResult) and res.scores is not None:
        # DynamoNet with its classifier (joint training): its class scores
        res = RecognitionResult(
            pred_score=res.scores.mean(0), window_scores=res.scores)
    if not isinstance(res, RecognitionResult):
        raise SystemExit(f'{type(model).__name__} is not a recognizer; for '
                         'motion run demo/motion_demo.py')
    names = class_names(model.cfg, args.label_map)
    if names is not None and len(names) != len(res.pred_score):
        raise SystemExit(f'{len(names)} class names for '
                         f'{len(res.pred_score)} classes')
    top = res.pred_score.topk(min(args.top_k, len(res.pred_score)))
    print(f'{args.video}: {len(res.window_scores)} clip(s)')
    rows = []
    for score, k in zip(top.values.tolist(), top.indices.tolist()):
        name = names[k] if names else str(k)
        rows.append((name, score))
        print(f'  {name:30s} {score:.4f}')
    return rows


if __name__ == '__main__':
    main()
