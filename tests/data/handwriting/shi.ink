# 十 (shí, ten): the horizontal, then the vertical through it
size 300 300
40,140 100,139 160,138 220,138 262,140
150,40 151,100 151,160 150,220 150,275
