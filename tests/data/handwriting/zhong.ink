# 中 (zhōng, middle): the box (left side, top and right side in one stroke,
# bottom), then the vertical through it
size 300 300
70,90 70,140 71,200
70,90 150,88 230,90 230,145 230,200
70,200 150,200 230,200
150,30 150,100 150,160 150,220 150,282
