# The issue-17 scratch recognizer with label smoothing
# (convlstm-bn-jitter-ls_convlstm-tiny_16x1x1-100e_msr-action3d-depth-
# 64x48px.py) at 128x96 instead of 64x48 (ours): the frame size of the
# atomic-flow MSR pretraining, so that a pretrained encoder is fine-tuned at
# the scale it learnt, and an 8x6 map after the encoder's stride 16 instead
# of 4x3. Same crops (as a share of the frame), flips, frames, widths and
# schedule; only the Resize differs.
# Run: tools/dist_train.sh <this config> 2 --no-validate
_base_ = [
    './convlstm-bn-jitter-ls_convlstm-tiny_16x1x1-100e_msr-action3d-'
    'depth-64x48px.py'
]
frame_size = (128, 96)


def _sized(pipeline):
    return [
        dict(t, scale=frame_size) if t['type'] == 'Resize' else t
        for t in pipeline
    ]


train_dataloader = dict(
    dataset=dict(pipeline=_sized(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(
    dataset=dict(pipeline=_sized(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
