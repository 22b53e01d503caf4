# A 4x4x4 f8E4M3FN matmul with f32 accumulation (fp8-matmul.test).
.target fp8-4x4.json
.input  A f8E4M3FN[4,4] @0
.input  B f8E4M3FN[4,4] @16
.output C f32[4,4] @32
load mem=sp dram_type=f8E4M3FN sram_type=f8E4M3FN dram_addr=0 sram_addr=0 rows=4 cols=4
load push_next mem=sp dram_type=f8E4M3FN sram_type=f8E4M3FN dram_addr=16 sram_addr=64 rows=4 cols=4
preload pop_prev type=f8E4M3FN sram_addr=64 k=4 n=4
matmul push_next type=f8E4M3FN a_addr=0 c_addr=0 m=4 n=4 k=4
store pop_prev mem=acc sram_type=f32 dram_type=f32 sram_addr=0 dram_addr=32 rows=4 cols=4
halt
