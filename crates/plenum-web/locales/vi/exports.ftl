# Downloads: the attendance list and roll-call result, the discussion statistics, the opinion record.
exp-downloads = Tải về
exp-attendance-xlsx = Danh sách điểm danh (Excel)
exp-attendance-pdf = Danh sách điểm danh (PDF)
exp-statistics-xlsx = Thống kê thảo luận (Excel)
exp-statistics-docx = Báo cáo thống kê (Word)
exp-records-xlsx = Tổng hợp ý kiến (Excel)

exp-file-attendance = Điểm danh - Hội nghị lần thứ { $ordinal }
exp-file-statistics = Thống kê thảo luận - Hội nghị lần thứ { $ordinal }
exp-file-records = Ý kiến - Hội nghị lần thứ { $ordinal }

exp-sheet-attendance = Danh sách điểm danh
exp-sheet-result = Kết quả điểm danh
exp-sheet-by-item = Theo nội dung
exp-sheet-by-group = Theo tổ
exp-sheet-by-delegate = Theo đại biểu
exp-sheet-opinions = Ý kiến

exp-col-number = STT
exp-col-name = Họ và tên
exp-col-title = Chức vụ
exp-col-unit = Đơn vị
exp-col-group = Tổ thảo luận
exp-col-reason = Lý do
exp-col-item = Nội dung
exp-col-figure = Chỉ tiêu
exp-col-count = Số lượng

exp-result-members = Tổng số ủy viên Ban Chấp hành được triệu tập
exp-result-present = Số ủy viên có mặt
exp-result-late = Trong đó đến muộn
exp-result-absent = Số ủy viên vắng mặt
exp-result-left = Số ủy viên về sớm
exp-result-expected = Số ủy viên chưa điểm danh
exp-result-guests = Số khách mời được triệu tập
exp-result-guests-present = Số khách mời có mặt
exp-result-needed = Số ủy viên cần để thông qua nghị quyết (quá nửa tổng số)
exp-result-required = Số ủy viên có mặt theo tỷ lệ quy định ({ $num }/{ $den })

exp-attendance-type = DANH SÁCH
exp-attendance-summary = Đại biểu dự { $plenum }
exp-statistics-type = BÁO CÁO
exp-statistics-summary = Thống kê ý kiến thảo luận tại { $plenum }
exp-statistics-lead = Tại hội nghị có { $summary }. Số liệu dưới đây được tổng hợp từ biên bản ghi các lượt phát biểu và ý kiến.
exp-issuer = BAN CHẤP HÀNH
exp-sign-for = T/L BAN THƯỜNG VỤ
exp-sign-title = CHÁNH VĂN PHÒNG
exp-recipients = Nơi nhận
exp-recipient-standing = Thường trực cấp ủy (để báo cáo)
exp-recipient-file = Lưu Văn phòng

exp-agenda-pdf = In chương trình (PDF)
exp-agenda-docx = In chương trình (Word)
exp-file-agenda = Chương trình - Hội nghị lần thứ { $ordinal }
exp-agenda-type = CHƯƠNG TRÌNH
exp-agenda-dates = Thời gian
exp-agenda-place = Địa điểm
exp-agenda-col-when = Buổi
exp-agenda-col-presenter = Cơ quan trình bày
exp-agenda-recipient-delegates = Các đồng chí đại biểu dự Hội nghị

exp-summons-pdf = Giấy triệu tập (PDF)
exp-summons-docx = Giấy triệu tập (Word)
exp-file-summons = Giấy triệu tập - Hội nghị lần thứ { $ordinal }
exp-summons-type = GIẤY TRIỆU TẬP
exp-invite-type = GIẤY MỜI
exp-summons-summary = Dự { $plenum }
exp-summons-lead = Ban Thường vụ trân trọng triệu tập:
exp-invite-lead = Ban Thường vụ trân trọng kính mời:
exp-summons-to = Đồng chí
exp-summons-attend = Đến dự { $plenum }.
exp-summons-opens-at = Khai mạc lúc { $time } ngày { $day },
exp-summons-opens-on = Khai mạc ngày { $day },
exp-summons-until = bế mạc ngày { $day }.
exp-summons-content = Nội dung
exp-summons-items = { $count } nội dung theo chương trình gửi kèm.
exp-summons-close = Đề nghị đồng chí bố trí thời gian dự Hội nghị đầy đủ, đúng giờ.
exp-invite-close = Rất mong đồng chí đến dự.
exp-summons-sign-for = T/M BAN THƯỜNG VỤ
exp-summons-sign-title = PHÓ BÍ THƯ THƯỜNG TRỰC
exp-summons-recipient-self = Như trên
