from .codebook_fitting import fit_kmeans_codebook, load_codebook, save_codebook
from .context_guided_upsample import (ContextGuidedUpsample, reassemble,
                                      reassemble_naive)
from .conv_lstm import ConvLSTM, ConvLSTMCell
from .correlation import clip_correlation, local_correlation
from .dynamic_filter import (apply_dynamic_filters, apply_dynamic_filters_loop,
                             check_filter_size)
from .flow_pyramid import FeaturePyramid2d, FlowEstimator, normalize_pair
from .image_quality import psnr, ssim, ssim_map
from .lucas_kanade import box_filter, image_gradients, lucas_kanade_step
from .motion_codebook import (KMeansCodebook, LearnableCodebook,
                              MotionCodebook, UniformCodebook)
from .oracle_filters import fit_oracle_filters, oracle_frames
from .stc_block import STCBlock
from .upsample import BilinearUpsample, DeconvUpsample
from .warp import backward_warp, flow_grid, warp_pair

__all__ = [
    'ContextGuidedUpsample', 'BilinearUpsample', 'DeconvUpsample',
    'reassemble', 'reassemble_naive', 'backward_warp', 'flow_grid',
    'warp_pair', 'ConvLSTM', 'ConvLSTMCell', 'apply_dynamic_filters',
    'apply_dynamic_filters_loop', 'check_filter_size', 'psnr', 'ssim',
    'ssim_map', 'KMeansCodebook', 'LearnableCodebook', 'MotionCodebook',
    'UniformCodebook', 'fit_kmeans_codebook', 'load_codebook', 'save_codebook',
    'STCBlock', 'clip_correlation', 'local_correlation', 'FeaturePyramid2d',
    'FlowEstimator', 'normalize_pair', 'box_filter', 'image_gradients',
    'lucas_kanade_step', 'fit_oracle_filters', 'oracle_frames'
]
