# 一 (yī, one): one horizontal stroke, written left to right on a 300×300 pad
size 300 300
40,152 90,150 150,148 210,147 262,150
