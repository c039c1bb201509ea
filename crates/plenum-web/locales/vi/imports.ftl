# Đọc tệp danh sách đại biểu: bảng mã, dấu phân cách, tệp không phải bảng.
imp-encoding = Bảng mã của tệp: { $encoding }. Xin xem lại họ tên có dấu dưới đây trước khi nhập.
import-file-not-a-table = Tệp này không phải bảng danh sách (có thể là ảnh, tệp PDF hoặc tệp khác đã đổi tên). Xin chọn tệp CSV hoặc Excel (.xlsx, .ods).
import-file-unclosed-quote = Dòng { $line } có dấu ngoặc kép (") mở mà không đóng, nên không tách được các dòng sau. Xin sửa ô đó trong tệp rồi kiểm tra lại.

# Máy tính bảng của đại biểu: chọn đoạn của dự thảo để góp ý.
tab-passage-whole = Góp ý chung cho cả nội dung
tab-passage-hint = Chọn đoạn, mục trong danh sách của dự thảo (bản mới nhất) thuộc nội dung đang góp ý; để "Góp ý chung cho cả nội dung" nếu không góp ý vào đoạn nào.
tab-passage-group = Nội dung { $item } · { $document } (bản { $version })

# Màn hình hội trường (máy chiếu).
proj-next-none = Chưa có đại biểu nào đăng ký phát biểu.
proj-next-none-after = Chưa có đại biểu nào đăng ký phát biểu tiếp.
proj-next-closed = Không còn lượt phát biểu nào trong phiên họp này.
proj-fullscreen = Toàn màn hình
proj-fullscreen-exit = Thoát toàn màn hình

# Đường dẫn màn hình hội trường (máy chiếu), do văn phòng cấp và thu hồi.
scr-title = Đường dẫn màn hình hội trường
scr-lead = Mỗi đường dẫn mở màn hình hội trường (máy chiếu) của hội nghị trên máy tính nối với máy chiếu mà không cần đăng nhập. Đường dẫn chỉ cho xem màn hình này, không mở được trang nào khác; thu hồi khi không dùng nữa.
scr-new = Cấp đường dẫn mới
scr-label = Nơi đặt màn hình
scr-label-hint = Ví dụ: Hội trường tầng 2, Phòng họp Tổ 1.
scr-make = Cấp đường dẫn
scr-issued = Đường dẫn cho màn hình "{ $label }"
scr-once = Đường dẫn chỉ hiện một lần. Mở ngay trên máy tính nối với máy chiếu, hoặc quét mã QR.
scr-links = Các đường dẫn đã cấp
scr-none = Chưa cấp đường dẫn nào.
scr-made = Cấp lúc
scr-state = Tình trạng
scr-revoke = Thu hồi
scr-revoke-label = Thu hồi đường dẫn của màn hình "{ $label }"
scr-revoked-at = Đã thu hồi lúc { $at }
scr-revoked-done = Đã thu hồi đường dẫn. Màn hình đang mở đường dẫn đó sẽ ngừng hiển thị.
scr-open = Cấp đường dẫn màn hình hội trường

# Bàn điều hành của chủ tọa: phần cài đặt phiên họp thu gọn khi phiên đang họp.
chair-settings = Cài đặt phiên họp
chair-settings-item = Nội dung { $ordinal }
chair-settings-minutes = { $minutes } phút mỗi lượt
