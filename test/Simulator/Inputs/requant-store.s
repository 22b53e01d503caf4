# out = relu(requantize(X @ W + bias)) on int8-16x16: one 16x16x16 tile.
# The bias (i32, a constant) is loaded into the accumulator first and the
# matmul accumulates onto it; the store requantizes with scale 0.0123 and
# zero point -3 (qparam 0), applies relu (clamps at the zero point) and
# narrows to i8.  W is a constant from a .npy file.
.target int8-16x16
.input  X i8[16,16] @0
.output Y i8[16,16] @256
.const  W i8[16,16] @512 file "requant-w.npy"
.const  bias i32[16] @768 = -500, -400, -300, -200, -100, 0, 100, 200, 300, 400, 500, 1000, 2000, -2000, 4000, -4000
.qparam 0 scale=0.0123 zp=-3
.dram 832

load mem=sp dram_type=i8 sram_type=i8 dram_addr=0 sram_addr=0 rows=16 cols=16
load mem=sp dram_type=i8 sram_type=i8 dram_addr=512 sram_addr=256 rows=16 cols=16
# The bias row, broadcast to all 16 accumulator rows.
load push_next mem=acc broadcast=1 dram_type=i32 sram_type=i32 dram_addr=768 sram_addr=0 rows=16 cols=16
preload pop_prev type=i8 sram_addr=256 k=16 n=16
matmul push_next type=i8 accumulate=1 a_addr=0 c_addr=0 m=16 n=16 k=16
store pop_prev mem=acc sram_type=i32 dram_type=i8 act=relu qparam=0 sram_addr=0 dram_addr=256 rows=16 cols=16
halt
