app-name = Plenum — Hội nghị Ban Chấp hành
skip-to-content = Bỏ qua, đến nội dung chính
nav-label = Điều hướng chính
nav-plenums = Hội nghị
nav-organizations = Tổ chức đảng
nav-users = Tài khoản
nav-history = Nhật ký thay đổi
switch-language = English
logout = Đăng xuất
footer-text = Plenum — tổ chức hội nghị, tổng hợp ý kiến và theo dõi thực hiện nghị quyết.
save = Lưu

login-title = Đăng nhập
login-lead = Đăng nhập bằng tài khoản do Văn phòng cấp.
login-submit = Đăng nhập

error-title = Không thực hiện được
back-home = Về trang đầu

home-title = Các hội nghị
home-signed-in-as = Đăng nhập với tên
home-no-plenums = Chưa có hội nghị nào bạn được xem.

live-offline = Chưa kết nối cập nhật trực tiếp
live-online = Đang cập nhật trực tiếp

plenum-agenda = Các nội dung trình Hội nghị
plenum-groups = Các tổ thảo luận
plenum-committee = Ban Chấp hành
group-name = Tổ
group-leader = Tổ trưởng
group-secretary = Thư ký tổ
group-size = Số thành viên
committee-members-count = Số ủy viên Ban Chấp hành
committee-standing-count = Số ủy viên Ban Thường vụ
committee-standing = Ban Thường vụ
item-title = Nội dung
item-kind = Loại
item-presenter = Cơ quan trình

kind-report = Báo cáo
kind-draft = Dự thảo
kind-plan = Kế hoạch
kind-programme = Chương trình hành động
kind-personnel = Nhân sự
kind-other = Khác

orgs-title = Tổ chức đảng
orgs-new = Thêm tổ chức đảng
orgs-no-parent = (cấp cao nhất)
org-no-committees = Tổ chức này chưa có Ban Chấp hành nào.
level-central = Trung ương
level-city = Tỉnh, thành phố
level-district = Quận, huyện
level-grassroots = Cơ sở

history-title = Nhật ký thay đổi
history-time = Thời điểm
history-actor = Người thực hiện
history-action = Thao tác
history-hash = Mã băm
history-older = Các mục cũ hơn
history-intact = Chuỗi nhật ký toàn vẹn: { $count } mục, mã băm khớp từ đầu đến cuối.
history-broken = Chuỗi nhật ký bị phá vỡ tại mục { $seq }: { $detail }

users-title = Tài khoản và vai trò
users-roles = Vai trò
users-new = Tạo tài khoản
scope-all = Toàn hệ thống

role-admin = Quản trị hệ thống
role-secretary = Văn phòng (thư ký)
role-chair = Chủ trì
role-delegate = Đại biểu (ủy viên)
role-guest = Khách mời
role-group_secretary = Thư ký tổ
role-task_officer = Cán bộ đơn vị thực hiện
role-auditor = Kiểm tra, kiểm toán

label-username = Tên đăng nhập
label-password = Mật khẩu
label-display_name = Họ và tên hiển thị
label-name = Tên
label-short_name = Tên viết tắt
label-level = Cấp
label-parent_id = Trực thuộc
label-term = Khóa
label-term_label = Tên khóa, nhiệm kỳ
label-starts_on = Ngày bắt đầu
label-ends_on = Ngày kết thúc
label-place = Địa điểm
label-title = Chức vụ, tiêu đề
label-ordinal = Số thứ tự
label-kind = Loại
label-presenter = Cơ quan trình
label-committee_id = Ban Chấp hành
label-full_name = Họ và tên
label-unit = Đơn vị
label-role = Vai trò
label-scope = Phạm vi
label-reference = Tham chiếu

error-unauthorized = Bạn cần đăng nhập.
error-bad-credentials = Tên đăng nhập hoặc mật khẩu không đúng.
error-forbidden = Bạn không có quyền thực hiện thao tác này.
error-not-found = Không tìm thấy nội dung yêu cầu.
error-invalid-input = Dữ liệu nhập chưa hợp lệ; xin xem các trường được đánh dấu.
error-too-many-attempts = Đăng nhập sai quá nhiều lần. Xin thử lại sau ít phút.
error-internal = Đã có lỗi phía máy chủ. Dữ liệu đã lưu không bị ảnh hưởng; xin thử lại.
error-duplicate = Đã có một bản ghi trùng (tên hoặc số thứ tự đã được dùng).
error-check = Giá trị không nằm trong các lựa chọn cho phép.
error-csrf = Phiên làm việc của biểu mẫu đã hết hạn. Xin tải lại trang và gửi lại.
error-body-too-large = Dữ liệu gửi lên quá lớn.
error-not-empty = Cơ sở dữ liệu đã có dữ liệu; chỉ khôi phục được vào cơ sở dữ liệu trống.
error-bad-json = Nội dung gửi lên không phải JSON hợp lệ.
error-bad-request = Yêu cầu không hợp lệ: xin kiểm tra các số trong địa chỉ, tham số truy vấn và nội dung JSON.
error-method-not-allowed = Địa chỉ này không nhận phương thức đó.
error-unsupported-media-type = Kiểu dữ liệu gửi lên không đúng; xin gửi JSON với "Content-Type: application/json".
error-bad-json-shape = Nội dung JSON không có đúng các trường và kiểu dữ liệu cần thiết.
error-request-timeout = Yêu cầu đến quá chậm.
error-too-many-requests = Có quá nhiều yêu cầu. Xin chờ một lát rồi thử lại.
error-unavailable = Máy chủ đang bận. Xin thử lại sau giây lát.

field-required = bắt buộc phải nhập
field-too-long = quá dài
field-too-short = quá ngắn (ít nhất 8 ký tự)
field-invalid-characters = có ký tự không hợp lệ
field-invalid-date = ngày không hợp lệ (định dạng NNNN-TT-NN)
field-username-chars = chỉ dùng chữ không dấu, số và các dấu . _ -
field-invalid-choice = lựa chọn không hợp lệ
field-level-order = cấp của tổ chức phải thấp hơn cấp của tổ chức cấp trên
field-not-found = không tồn tại
field-page-size = phải từ 1 đến 1000
field-out-of-range = nằm ngoài khoảng cho phép (1–999)
field-before-start = ngày kết thúc trước ngày bắt đầu

stats-hall = Hội trường
plenum-work = Làm việc với hội nghị
work-documents = Tài liệu
work-delegates = Đại biểu, điểm danh
work-chair = Điều hành hội nghị
work-desk = Bàn thư ký
work-tablet = Màn hình đại biểu
work-projector = Màn hình trình chiếu
work-statistics = Thống kê thảo luận
field-passage-not-found = không có đoạn, mục này trong dự thảo của nội dung đã chọn
label-passage_anchor = Đoạn, mục
