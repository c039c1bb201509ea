# The documents a plenum issues: the synthesis report, the resolution and the
# conclusion notice (exports/synthesis.rs), and the office's page that edits them.

exp-issuer-code = TU
exp-syn-synthesis-report-type = BÁO CÁO
exp-syn-resolution-type = NGHỊ QUYẾT
exp-syn-conclusion-type = THÔNG BÁO KẾT LUẬN
exp-file-synthesis-report = Báo cáo tổng hợp, tiếp thu, giải trình ý kiến - Hội nghị lần thứ { $ordinal }
exp-file-resolution = Nghị quyết - Hội nghị lần thứ { $ordinal }
exp-file-conclusion = Thông báo kết luận - Hội nghị lần thứ { $ordinal }

exp-syn-synthesis-report-title = Tổng hợp, tiếp thu, giải trình ý kiến thảo luận tại { $plenum }
exp-syn-resolution-title = { $plenum }
exp-syn-conclusion-title = { $plenum }

exp-syn-synthesis-report-opening = Tại { $plenum }, từ ngày { $from } đến ngày { $to }, các đồng chí Ủy viên Ban Chấp hành và đại biểu dự Hội nghị đã thảo luận các nội dung trình Hội nghị. Ban Thường vụ báo cáo kết quả tổng hợp, tiếp thu, giải trình ý kiến thảo luận như sau.
exp-syn-resolution-opening = { $plenum } họp từ ngày { $from } đến ngày { $to }, tại { $place }.
exp-syn-resolution-discussed = I. HỘI NGHỊ ĐÃ THẢO LUẬN, CHO Ý KIẾN VỀ CÁC NỘI DUNG
exp-syn-resolution-decides = II. HỘI NGHỊ QUYẾT NGHỊ
exp-syn-resolution-decide-1 = 1. Thông qua các nội dung trình Hội nghị; giao Ban Thường vụ chỉ đạo các cơ quan trình tiếp thu ý kiến thảo luận, hoàn thiện và ban hành theo quy định.
exp-syn-resolution-decide-2 = 2. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị trong Đảng bộ tổ chức quán triệt, triển khai thực hiện Nghị quyết; Văn phòng theo dõi, đôn đốc, định kỳ báo cáo kết quả.
exp-syn-conclusion-opening = { $plenum } họp từ ngày { $from } đến ngày { $to }, tại { $place }. Sau khi thảo luận, Hội nghị kết luận như sau:
exp-syn-conclusion-item = { $n }. Về { $title }: Hội nghị cơ bản nhất trí với nội dung trình; giao { $presenter } tiếp thu ý kiến thảo luận, hoàn thiện, trình Ban Thường vụ ban hành.
exp-syn-conclusion-close = Giao Văn phòng theo dõi, đôn đốc việc thực hiện Kết luận này.
exp-syn-presenter-default = cơ quan trình

exp-syn-synthesis-report-sign-for = T/M BAN THƯỜNG VỤ
exp-syn-synthesis-report-sign-title = PHÓ BÍ THƯ THƯỜNG TRỰC
exp-syn-resolution-sign-for = T/M BAN CHẤP HÀNH
exp-syn-resolution-sign-title = BÍ THƯ
exp-syn-conclusion-sign-for = T/L BAN THƯỜNG VỤ
exp-syn-conclusion-sign-title = CHÁNH VĂN PHÒNG

exp-syn-synthesis-report-recipient-1 = Ban Bí thư Trung ương Đảng (để báo cáo)
exp-syn-synthesis-report-recipient-2 = Các đồng chí Ủy viên Ban Chấp hành
exp-syn-synthesis-report-recipient-3 = Các cơ quan trình nội dung tại Hội nghị
exp-syn-resolution-recipient-1 = Bộ Chính trị, Ban Bí thư (để báo cáo)
exp-syn-resolution-recipient-2 = Các đảng bộ, chi bộ trực thuộc
exp-syn-resolution-recipient-3 = Các đồng chí Ủy viên Ban Chấp hành
exp-syn-conclusion-recipient-1 = Các đồng chí Ủy viên Ban Chấp hành
exp-syn-conclusion-recipient-2 = Các cơ quan trình nội dung tại Hội nghị
exp-syn-conclusion-recipient-3 = Các đảng bộ, chi bộ trực thuộc
exp-syn-recipient-file = Lưu Văn phòng

exp-syn-overall = Tại Hội nghị có { $speeches } lượt phát biểu với { $opinions } ý kiến về { $items } nội dung. Đã tiếp thu { $taken } ý kiến, giải trình { $explained } ý kiến, ghi nhận { $noted } ý kiến, { $out } ý kiến ngoài phạm vi nội dung; còn { $pending } ý kiến chưa được trả lời.
exp-syn-item-heading = { $roman }. { $title }
exp-syn-item-count = Có { $speeches } lượt phát biểu với { $opinions } ý kiến. Đã tiếp thu { $taken }, giải trình { $explained }, ghi nhận { $noted }, ngoài phạm vi { $out }; còn { $pending } ý kiến chưa được trả lời.
exp-syn-item-none = Không có ý kiến về nội dung này.
exp-syn-group = Nhóm ý kiến
exp-syn-group-names = { $title } (các đồng chí { $names })
exp-syn-others = Các ý kiến khác
exp-syn-passage = , về { $label }
exp-syn-opinion = { $n }. Đồng chí { $name }: { $text }
exp-syn-taken-in = Tiếp thu: { $reply }
exp-syn-change = Đã sửa { $document } (bản { $version }), { $label }: “{ $text }”
exp-syn-explained = Giải trình: { $reply }
exp-syn-noted = Ghi nhận: { $reply }
exp-syn-out-of-scope = Ngoài phạm vi nội dung: { $reply }
exp-syn-pending = Chưa có trả lời được duyệt.

issued-synthesis-report = Báo cáo tổng hợp, tiếp thu, giải trình ý kiến
issued-resolution = Nghị quyết
issued-conclusion = Thông báo kết luận
issued-documents = Văn bản của Hội nghị
issued-lead = Nội dung văn bản do Văn phòng soạn; khi lưu lần đầu, văn bản được lấy số theo sổ đăng ký của cấp ủy.
issued-lead-report = Phần tổng hợp từng nội dung (các ý kiến và trả lời đã duyệt) được thêm sau phần mở đầu khi in.
issued-number = Số văn bản
issued-unnumbered = Chưa lấy số: văn bản được lấy số khi lưu lần đầu.
issued-draft-note = Đây là nội dung mặc định, chưa được lưu.
issued-fields = Nội dung văn bản
issued-body-hint = Mỗi đoạn cách nhau một dòng trống; dòng bắt đầu bằng số La Mã (I., II.) là đề mục, dòng bắt đầu bằng "1." hoặc "a)" là một đoạn.
issued-recipients-hint = Mỗi nơi nhận một dòng.
issued-save = Lưu văn bản
issued-stale = Văn bản vừa được người khác lưu. Nội dung bạn nhập vẫn được giữ; hãy xem lại rồi lưu lại.
issued-download = Tải về
issued-docx = Tải bản Word
issued-pdf = Tải bản PDF
doc-label-issued-title = Trích yếu
doc-label-issued-body = Nội dung
doc-label-issued-signer_for = Thẩm quyền ký (T/M, K/T, T/L)
doc-label-issued-signer_title = Chức vụ người ký
doc-label-issued-signer_name = Họ tên người ký
doc-label-issued-recipients = Nơi nhận
