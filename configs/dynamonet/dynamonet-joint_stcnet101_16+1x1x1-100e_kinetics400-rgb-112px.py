# Paper scale, NOT RUN HERE (needs a GPU cluster and Kinetics-400):
# STCnet-101 DynamoNet, joint training on Kinetics-400, 16 input frames.
# Paper: 67.6 top-1 (16 frames), 71.4 (32), 77.9 (64) -- the paper's numbers.
# Data: MMAction2's Kinetics-400 preparation (tools/data/kinetics in MMAction2)
# giving data/kinetics400/{videos_train,videos_val} and the two lists below.
_base_ = [
    '../_base_/models/dynamonet_stcnet101.py',
    '../_base_/datasets/rgb_nextframe_112.py',
    '../_base_/schedules/dynamonet_paper_sgd.py',
    '../_base_/default_runtime.py'
]
data_root = 'data/kinetics400'
train_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/kinetics400_train_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos_train'),
        num_classes=400))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/kinetics400_val_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos_val'),
        num_classes=400))
test_dataloader = val_dataloader
default_hooks = dict(checkpoint=dict(interval=5, save_best='acc/top1'))
