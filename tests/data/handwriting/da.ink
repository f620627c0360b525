# 大 (dà, big): the horizontal, the falling stroke to the left through it,
# then the one to the right
size 300 300
45,112 100,111 150,110 200,109 255,110
152,40 151,90 146,140 130,185 100,225 55,262
150,145 180,190 215,225 250,250 280,265
