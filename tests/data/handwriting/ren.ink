# 人 (rén, person): the falling stroke to the left, then the one to the right
# starting from its middle
size 300 300
160,30 135,90 105,145 70,195 30,245
125,140 165,185 205,220 245,245 280,258
