"""Measures of the text analytics (``core.measures``)."""

from duluan.core.measures import define

define(
    "nlp.issues",
    "Số nhóm vấn đề",
    "Số nhóm phản ánh giống nhau về nội dung trong kỳ (tối đa 5 nhóm lớn nhất).",
)
