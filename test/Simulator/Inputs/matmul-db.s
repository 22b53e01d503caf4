# A 32x32x32 i8 matmul with i32 results on int8-16x16 (weight-stationary),
# tiled 2 (N) x 2 (K) and double-buffered: the load queue fills scratchpad
# buffer b = step % 2 while the array works on the other one.
#   step s = 2*nt + kt: A[:, kt*16:+16] -> sp[512*b], B[kt*16:+16, nt*16:+16] -> sp[1024+256*b]
#   C[:, nt*16:+16] accumulates in acc[2048*nt] and is stored after kt = 1.
# Tokens: load -> compute (push_next/pop_prev) says "buffer full",
# compute -> load (push_prev/pop_next) says "buffer free", compute -> store
# says "C tile done".
.target int8-16x16
.input  A i8[32,32] @0
.input  B i8[32,32] @1024
.output C i32[32,32] @2048
.dram 6144

# step 0 (nt 0, kt 0), buffer 0
load mem=sp dram_type=i8 sram_type=i8 dram_addr=0 sram_addr=0 rows=32 cols=16 dram_stride=32
load push_next mem=sp dram_type=i8 sram_type=i8 dram_addr=1024 sram_addr=1024 rows=16 cols=16 dram_stride=32
preload pop_prev type=i8 sram_addr=1024 k=16 n=16
matmul push_prev type=i8 a_addr=0 c_addr=0 m=32 n=16 k=16
# step 1 (nt 0, kt 1), buffer 1
load mem=sp dram_type=i8 sram_type=i8 dram_addr=16 sram_addr=512 rows=32 cols=16 dram_stride=32
load push_next mem=sp dram_type=i8 sram_type=i8 dram_addr=1536 sram_addr=1280 rows=16 cols=16 dram_stride=32
preload pop_prev type=i8 sram_addr=1280 k=16 n=16
matmul push_prev push_next type=i8 accumulate=1 a_addr=512 c_addr=0 m=32 n=16 k=16
store pop_prev mem=acc sram_type=i32 dram_type=i32 sram_addr=0 dram_addr=2048 rows=32 cols=16 dram_stride=128
# step 2 (nt 1, kt 0), buffer 0: wait until step 0 released it
load pop_next mem=sp dram_type=i8 sram_type=i8 dram_addr=0 sram_addr=0 rows=32 cols=16 dram_stride=32
load push_next mem=sp dram_type=i8 sram_type=i8 dram_addr=1040 sram_addr=1024 rows=16 cols=16 dram_stride=32
preload pop_prev type=i8 sram_addr=1024 k=16 n=16
matmul push_prev type=i8 a_addr=0 c_addr=2048 m=32 n=16 k=16
# step 3 (nt 1, kt 1), buffer 1
load pop_next mem=sp dram_type=i8 sram_type=i8 dram_addr=16 sram_addr=512 rows=32 cols=16 dram_stride=32
load push_next mem=sp dram_type=i8 sram_type=i8 dram_addr=1552 sram_addr=1280 rows=16 cols=16 dram_stride=32
preload pop_prev type=i8 sram_addr=1280 k=16 n=16
matmul push_prev push_next type=i8 accumulate=1 a_addr=512 c_addr=2048 m=32 n=16 k=16
store pop_prev mem=acc sram_type=i32 dram_type=i32 sram_addr=2048 dram_addr=2112 rows=32 cols=16 dram_stride=128
halt
