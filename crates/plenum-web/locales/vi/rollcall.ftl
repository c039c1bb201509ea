# The roll call of a long list: search, filter, mark all present.
roll-search-label = Tìm đại biểu trong danh sách điểm danh
roll-search = Tìm theo họ tên hoặc đơn vị
roll-search-hint = Ví dụ: Nhung, Sở Tài chính
roll-status = Tình trạng
roll-status-all = Tất cả
roll-filter = Lọc
roll-shown = Đang hiển thị { $shown } trong { $all } đại biểu.
roll-none = Không có đại biểu nào khớp với điều kiện tìm.
roll-all-present = Điểm danh có mặt tất cả ({ $count } người chưa điểm danh)
roll-marked = Đã điểm danh có mặt { $count } đại biểu.

# Sittings (buổi họp): the morning and afternoon of each day of the plenum.
sitting-label = { $half ->
    [morning] Buổi sáng
   *[afternoon] Buổi chiều
} ngày { $day }
sitting-current = Đang điểm danh: { $label } (buổi { $number }/{ $all })
sitting-summary = Điểm danh theo từng buổi
sitting-name = Buổi họp
sitting-members-in = Ủy viên có mặt
sitting-choose = Chuyển điểm danh sang buổi
sitting-open = Chuyển buổi
sitting-opened = Đã chuyển sang buổi họp mới; danh sách dưới đây là điểm danh của buổi này.

# The tablet sign-in codes of every delegate, printed at once.
codes-print = In mã đăng nhập máy tính bảng (PDF)
codes-title = Mã đăng nhập máy tính bảng — { $plenum }
codes-hint = Mỗi đại biểu quét mã của mình bằng máy tính bảng để đăng nhập. Mỗi mã chỉ dùng được một lần; in lại sẽ thay các mã chưa dùng.
codes-without = Đại biểu không được cấp mã
codes-signed-in = Máy tính bảng của đại biểu đã đăng nhập; không cấp mã mới để không ảnh hưởng phiên đang dùng.
codes-other-role = Tài khoản của đại biểu có vai trò khác (chủ tọa, thư ký…); đại biểu đăng nhập bằng tài khoản của mình.
