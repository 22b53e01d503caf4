# 2x2 max pooling, stride 2, of an NHWC i8 tensor [1,8,8,16] -> [1,4,4,16]
# on int8-16x16.  The input is widened to i32 on its way into the
# accumulator (pixel (h, w) is the 64-byte row (8h + w)); each pool
# instruction produces one output row oh: 4 pixels (rows, 128 bytes = two
# input pixels apart) x 16 channels (cols), reducing a 2x2 window whose
# vertical step is one input row (8 pixels = 512 bytes) and horizontal step
# one pixel (64 bytes).  The store narrows back to i8 (exact: no qparam).
.target int8-16x16
.input  X i8[1,8,8,16] @0
.output Y i8[1,4,4,16] @1024

load push_next mem=acc dram_type=i8 sram_type=i32 dram_addr=0 sram_addr=0 rows=64 cols=16
pool pop_prev op=max type=i32 src=0 dst=4096 rows=4 cols=16 src_stride=128 win_h=2 win_w=2 win_stride_h=512 win_stride_w=64
pool op=max type=i32 src=1024 dst=4352 rows=4 cols=16 src_stride=128 win_h=2 win_w=2 win_stride_h=512 win_stride_w=64
pool op=max type=i32 src=2048 dst=4608 rows=4 cols=16 src_stride=128 win_h=2 win_w=2 win_stride_h=512 win_stride_w=64
pool push_next op=max type=i32 src=3072 dst=4864 rows=4 cols=16 src_stride=128 win_h=2 win_w=2 win_stride_h=512 win_stride_w=64
store pop_prev mem=acc sram_type=i32 dram_type=i8 sram_addr=4096 dram_addr=1024 rows=16 cols=16
halt
