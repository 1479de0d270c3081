"""The gallery: pictures of the shipped checkpoints' output on held-out
clips, made by demo/motion_demo.py, and the page that shows them.

    python tools/analysis/gallery.py [--out docs/gallery.md] [--pairs 6]

Writes ``docs/gallery/<name>.gif`` (one GIF a clip and model: each pair of
frames the model reads, its output beside OpenCV DIS on the same frames)
and ``docs/gallery.md`` with every picture's own command. The clips are
shipped in tests/data and held out of every training: natural-RGB clips of
the held-out list, MSR Action3D sequences of test subjects.
"""
import argparse
import os
import os.path as osp
import sys

import yaml

sys.path.insert(
    0, osp.join(osp.dirname(osp.abspath(__file__)), '..', '..', 'demo'))
import motion_demo  # noqa: E402

NAT = 'tests/data/natural_rgb/'
MSR = 'tests/data/msr_action3d/'
C2F_RGB = ('configs/coarse_to_fine_motion/c2f-motion-pairwise-lk-stride2_'
           'resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py')
C2F_MSR = ('configs/coarse_to_fine_motion/c2f-motion-pairwise-lk-stride2_'
           'resnext18-tiny_8x3x1-30e_msr-action3d-depth-96px.py')
DYN_RGB = ('configs/dynamonet/dynamonet-fp-local-skips-adam_resnext18-'
           'tiny_2xb2-8+1x2x1-150e_natural-rgb-112px.py')
AF_RGB = ('configs/demo/atomic-flow-2d_convlstm-tiny_10x2x1-150e_'
          'natural-rgb-mini-112px.py')
# (name, title, clip, config): the checkpoint is the shipped one of config
AF_MSR = ('configs/demo/atomic-flow-bn-jitter-recognizer_convlstm-tiny_'
          '10x2x1-30e_msr-action3d-mini-depth-128x96px.py')
PICTURES = [
    ('c2f_natural-rgb_walking', 'Coarse-to-fine motion, natural RGB: '
     'people walking (held out)', NAT + 'intel-preview_face-demographics-'
     'walking.mp4', C2F_RGB),
    ('c2f_natural-rgb_cricket', 'Coarse-to-fine motion, natural RGB: a '
     'cricket shot (held out)', NAT + 'ucf101_v_CricketShot_g04_c01.mp4',
     C2F_RGB),
    ('c2f_natural-rgb_cartoon', 'Coarse-to-fine motion, natural RGB: a '
     'cartoon (held out)', NAT + 'moviepy_pigs_in_a_polka.mp4', C2F_RGB),
    ('c2f_msr-depth_high-arm-wave', 'Coarse-to-fine motion, MSR Action3D '
     'depth: high arm wave, subject 2 (a test subject)',
     MSR + 'a01_s02_e01_sdepth.mat', C2F_MSR),
    ('c2f_msr-depth_a05', 'Coarse-to-fine motion, MSR Action3D depth: '
     'action 5, subject 2 (a test subject)', MSR + 'a05_s02_e01_sdepth.mat',
     C2F_MSR),
    ('dynamonet_natural-rgb_walking', 'DynamoNet next-frame prediction '
     '(local filters with skips), natural RGB: people walking (held out)',
     NAT + 'intel-preview_face-demographics-walking.mp4', DYN_RGB),
    ('dynamonet_natural-rgb_cricket', 'DynamoNet next-frame prediction '
     '(local filters with skips), natural RGB: a cricket shot (held out)',
     NAT + 'ucf101_v_CricketShot_g04_c01.mp4', DYN_RGB),
    ('atomic-flow_natural-rgb_walking', 'Atomic flows (2D, k-means '
     'codebook of 32, 8 steps), natural RGB: people walking (held out; '
     'this model does not beat zero motion yet, issue 17)',
     NAT + 'intel-preview_face-demographics-walking.mp4', AF_RGB),
    ('atomic-flow_msr-depth_high-arm-wave', 'Atomic flows (3D, k-means '
     'codebook of 32, 8 steps), MSR Action3D depth 128x96: high arm wave, '
     'subject 2 (a test subject; its codewords beat the most frequent one '
     '3x on mean class accuracy, its decoded flow does not beat zero motion '
     'yet, issue 17)', MSR + 'a01_s02_e01_sdepth.mat', AF_MSR),
]


def shipped():
    """{config: shipped weights}, the check configs included (a model that
    reads a shipped codebook is built from its check config)."""
    with open('checkpoints/checkpoints.yml') as f:
        items = yaml.safe_load(f)['checkpoints']
    out = {osp.normpath(c['config']): c['file'] for c in items}
    out.update((osp.normpath(c['check']['config']), c['file']) for c in items)
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', default='docs/gallery.md')
    p.add_argument('--pairs', type=int, default=6)
    args = p.parse_args(argv)
    weights = shipped()
    folder = osp.join(osp.dirname(args.out), 'gallery')
    os.makedirs(folder, exist_ok=True)
    lines = [
        '# Gallery', '', 'What the shipped CPU checkpoints ([checkpoints/]'
        '(../checkpoints/README.md)) see on clips held out of every '
        'training, made by `demo/motion_demo.py`; the whole page by '
        '`python tools/analysis/gallery.py`. Each picture is one frame pair '
        'of the frames the model reads (its config\'s test pipeline); left '
        'to right: the frame, the model\'s motion colour-coded (hue: '
        'direction, brightness: magnitude, the wheel on the right: the '
        'scale, one for the clip), the error of the next frame warped back '
        'by that motion (x4), then OpenCV DIS flow on the same frames and '
        'its warp error. For DynamoNet: the frame, the predicted next '
        'frame, its error, the error of copying the frame (the trivial '
        'baseline) and the dynamic filters read as motion, then DIS. For '
        'atomic flows: frame t+1, the predicted motion of the next pair '
        '(the codeword distribution decoded to flow) and its warp error, '
        'then DIS. The '
        'numbers these models score are in '
        '[checkpoints/README.md](../checkpoints/README.md) and the methods\''
        ' READMEs.', ''
    ]
    for name, title, clip, config in PICTURES:
        ckpt = weights.get(osp.normpath(config))
        if ckpt is None:
            raise SystemExit(f'{config}: no shipped checkpoint '
                             '(checkpoints/checkpoints.yml)')
        gif = osp.join(folder, f'{name}.gif')
        cmd = [
            clip, config, ckpt, '--out', gif, '--dis', '--max-pairs',
            str(args.pairs)
        ]
        motion_demo.main(cmd)
        lines += [
            f'## {title}', '', f'![{name}](gallery/{name}.gif)', '', '```bash',
            'python demo/motion_demo.py ' +
            ' \\\n    '.join([' '.join(cmd[:2]), ' '.join(cmd[2:])]), '```', ''
        ]
    with open(args.out, 'w') as f:
        f.write('\n'.join(lines))
    print(f'{len(PICTURES)} pictures -> {args.out}')


if __name__ == '__main__':
    main()
