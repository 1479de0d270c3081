from .dynamic_filter import (apply_dynamic_filters, apply_dynamic_filters_loop,
                             check_filter_size)
from .image_quality import SSIMLoss, psnr, ssim, ssim_map
from .stc_block import STCBlock

__all__ = [
    'apply_dynamic_filters', 'apply_dynamic_filters_loop', 'check_filter_size',
    'SSIMLoss', 'psnr', 'ssim', 'ssim_map', 'STCBlock'
]
