# The run this checkpoint comes from (2026-12-07, 2 CPU cores shared with
# another job): the recorded seed-0 chain's commands (configs/dynamonet/logs/
# dynamonet-fp_resnext18-tiny_8+1x3x1-60e_msr-action3d-depth-96px/time.txt and
# configs/dynamonet/logs/dynamonet-joint_dynamonet-fp-96px-pretrained-
# resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px/time.txt), rerun into
# work_dirs/ship/ because the recorded checkpoints had been cleaned away.
# Logs: pretrain.log, train.log (the fine-tuning), full_test.log (the 273
# test videos: top-1 28.94; the recorded seed 0 scored 30.04, the 3 seeds
# 35.90 +- 8.03). Published in float16 (--half: 3.5 MB instead of 7.0);
# full_test_float16.log: the same 28.94 and next-frame PSNR 20.06 with it.
PRE=configs/dynamonet/dynamonet-fp_resnext18-tiny_8+1x3x1-60e_msr-action3d-depth-96px.py
FT=configs/dynamonet/dynamonet-joint_dynamonet-fp-pretrained-resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px.py
bash tools/dist_train.sh $PRE 2 --work-dir work_dirs/ship/dynamonet-fp-96px --seed 0
bash tools/dist_train.sh $FT 2 --work-dir work_dirs/ship/dynamonet-joint-96px-pretrained --seed 0 \
    --no-validate --cfg-options load_from=work_dirs/ship/dynamonet-fp-96px/epoch_60.pth
python tools/test.py $FT work_dirs/ship/dynamonet-joint-96px-pretrained/epoch_60.pth \
    --work-dir work_dirs/ship/dynamonet-joint-96px-pretrained/test
python tools/model_converters/publish_model.py \
    work_dirs/ship/dynamonet-joint-96px-pretrained/epoch_60.pth checkpoints/<run name>.pth --half
