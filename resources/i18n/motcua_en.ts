<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="35"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="36"/>
        <source>Giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="37"/>
        <source>Quản trị</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="47"/>
        <source>Tài khoản người dùng</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="50"/>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="76"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="50"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="50"/>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="78"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="51"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="60"/>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="61"/>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="138"/>
        <source>Khóa tài khoản</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="63"/>
        <source>Mật khẩu mới (ít nhất 8 ký tự)</source>
        <translation>New password (8 characters or more)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="68"/>
        <source>chữ thường không dấu, ví dụ: lan.nt</source>
        <translation>lowercase, no accents, e.g. lan.nt</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="74"/>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="91"/>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="77"/>
        <source>Họ và tên (in trên phiếu)</source>
        <translation>Full name (printed on receipts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="79"/>
        <source>Mật khẩu ban đầu</source>
        <translation>First password</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="80"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="82"/>
        <source>Tài khoản đang chọn</source>
        <translation>Selected account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="121"/>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="121"/>
        <source>Đã khóa</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="138"/>
        <source>Mở khóa</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="157"/>
        <source>✓ Đã thêm tài khoản {user}.</source>
        <translation>✓ Account {user} added.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="170"/>
        <source>✓ Đã đặt lại mật khẩu của {user}.</source>
        <translation>✓ Password of {user} reset.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="178"/>
        <source>✓ Đã mở khóa {user}.</source>
        <translation>✓ {user} reactivated.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_dialog.py" line="178"/>
        <source>✓ Đã khóa {user}: không đăng nhập được nữa.</source>
        <translation>✓ {user} deactivated: they can no longer sign in.</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../app/ui/actions.py" line="52"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="53"/>
        <source>Mở phiếu tiếp nhận hồ sơ mới</source>
        <translation>Open a new intake form</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="54"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossier list</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="55"/>
        <source>Xem và tìm hồ sơ đã nhận</source>
        <translation>See and find received dossiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="56"/>
        <source>Tìm hồ sơ</source>
        <translation>Find dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="57"/>
        <source>Tìm theo mã, tên, số định danh, điện thoại</source>
        <translation>Find by code, name, ID number, phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="58"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="59"/>
        <source>Khóa màn hình</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="60"/>
        <source>Khóa khi rời quầy</source>
        <translation>Lock when leaving the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="61"/>
        <source>Chữ lớn</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="62"/>
        <source>Phóng to chữ cho dễ đọc</source>
        <translation>Bigger text, easier to read</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="63"/>
        <source>Màn hình đánh giá</source>
        <translation>Rating screen</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="64"/>
        <source>Mở cửa sổ đánh giá hài lòng cho người dân</source>
        <translation>Open the citizen&apos;s satisfaction rating window</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="65"/>
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="66"/>
        <source>Hiện/ẩn bảng gọi số của quầy</source>
        <translation>Show/hide the counter&apos;s calling panel</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="67"/>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="68"/>
        <source>Sao lưu dữ liệu vào thư mục backups</source>
        <translation>Back up the data into the backups folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="69"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="70"/>
        <source>Giám sát</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="71"/>
        <source>Số liệu trong ngày, sổ theo dõi và thống kê</source>
        <translation>Today&apos;s figures, the log book and statistics</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="72"/>
        <source>Thiết lập hàng đợi</source>
        <translation>Queue set-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="73"/>
        <source>Dịch vụ, quầy phục vụ và tùy chọn gọi số</source>
        <translation>Services, counters and calling options</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="74"/>
        <source>Sự kiện bị từ chối</source>
        <translation>Rejected events</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="75"/>
        <source>Hồ sơ máy chủ trung tâm không nhận, kèm lý do</source>
        <translation>Dossiers the central server did not accept, with the reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="76"/>
        <source>Kết nối máy chủ và đồng bộ</source>
        <translation>Server connection and sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="77"/>
        <source>Đăng ký thiết bị với máy chủ trung tâm hoặc máy trạm của xã; xem hồ sơ chờ gửi, bị từ chối</source>
        <translation>Enrol this device with the central server or the office hub; see pending and rejected items</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="79"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="80"/>
        <source>Gửi ngay hồ sơ chờ gửi lên máy chủ</source>
        <translation>Send pending dossiers to the server now</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="81"/>
        <source>Tài khoản người dùng</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="82"/>
        <source>Thêm cán bộ, đặt lại mật khẩu, khóa tài khoản</source>
        <translation>Add clerks, reset passwords, deactivate accounts</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="83"/>
        <source>Lịch ngày nghỉ</source>
        <translation>Holiday calendar</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="84"/>
        <source>Ngày lễ, nghỉ bù, làm bù dùng để tính hạn trả</source>
        <translation>Holidays, days off and make-up days used for due dates</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="85"/>
        <source>Màn hình phòng chờ</source>
        <translation>Waiting-room display</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="86"/>
        <source>Mở bảng gọi số cho phòng chờ (như motcua --display)</source>
        <translation>Open the waiting-room call board (like motcua --display)</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="88"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Announcer</name>
    <message>
        <location filename="../../app/ui/queue/announcer.py" line="72"/>
        <source>Máy này không phát được âm thanh: chỉ hiển thị số gọi</source>
        <translation>This PC cannot play sound: called numbers are only shown</translation>
    </message>
</context>
<context>
    <name>ApplicantFields</name>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="34"/>
        <source>12 chữ số, hoặc quét mã QR trên thẻ căn cước</source>
        <translation>12 digits, or scan the QR code on the ID card</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="39"/>
        <source>Trực tiếp tại quầy</source>
        <translation>In person at the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="40"/>
        <source>Qua bưu chính công ích</source>
        <translation>Through the public postal service</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="43"/>
        <source>Bỏ dữ liệu thẻ</source>
        <translation>Drop card data</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="64"/>
        <source>Họ và tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="64"/>
        <source>Số định danh (CCCD) *</source>
        <translation>ID number (CCCD) *</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="65"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="65"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="66"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="66"/>
        <source>Kênh tiếp nhận</source>
        <translation>Reception channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/applicant.py" line="153"/>
        <source>✓ Đã đọc thẻ căn cước: sinh ngày {birth}, giới tính {sex}</source>
        <translation>✓ ID card read: born {birth}, sex {sex}</translation>
    </message>
</context>
<context>
    <name>Badges</name>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="31"/>
        <source>● Quá hạn</source>
        <translation>● Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="32"/>
        <source>● Sắp đến hạn</source>
        <translation>● Due soon</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="33"/>
        <source>● Trong hạn</source>
        <translation>● On time</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="34"/>
        <source>● Tạm dừng</source>
        <translation>● Paused</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="35"/>
        <source>✓ Xong đúng hạn</source>
        <translation>✓ Done on time</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="36"/>
        <source>✓ Xong trễ hạn</source>
        <translation>✓ Done late</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="37"/>
        <source>✕ Không giải quyết</source>
        <translation>✕ Not resolved</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/badges.py" line="38"/>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="42"/>
        <source>Ngày lễ, Tết (nghỉ)</source>
        <translation>Public holiday (off)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="43"/>
        <source>Nghỉ bù</source>
        <translation>Compensatory day off</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="44"/>
        <source>Nghỉ hoán đổi</source>
        <translation>Swapped day off</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="45"/>
        <source>Làm bù (đi làm)</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="56"/>
        <source>Lịch ngày nghỉ, ngày làm bù</source>
        <translation>Holidays and make-up days</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="62"/>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="80"/>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="62"/>
        <source>Thứ</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="62"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="62"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="69"/>
        <source>Bỏ ngày đã chọn</source>
        <translation>Remove selected day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="77"/>
        <source>ví dụ: Nghỉ Tết Nguyên đán</source>
        <translation>e.g. Lunar New Year holiday</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="78"/>
        <source>Ghi ngày này</source>
        <translation>Save this day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="81"/>
        <source>Loại ngày</source>
        <translation>Kind of day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="82"/>
        <source>Tên ngày</source>
        <translation>Name of the day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="87"/>
        <source>đường dẫn tệp lịch (holidays.json)</source>
        <translation>calendar file path (holidays.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="88"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="89"/>
        <source>Nhập lịch từ tệp</source>
        <translation>Import calendar file</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="91"/>
        <source>Tệp lịch đã công bố</source>
        <translation>Announced calendar file</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="92"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="95"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="98"/>
        <source>Đánh dấu một ngày</source>
        <translation>Mark a day</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="103"/>
        <source>Nhập lịch đã công bố</source>
        <translation>Import the announced calendar</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="140"/>
        <source> (tạm tính)</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="146"/>
        <source>Chưa có ngày nghỉ nào của năm {y} trong lịch.</source>
        <translation>No days off of {y} in the calendar yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="148"/>
        <source>⚠ Lịch năm {y} còn tạm tính: hạn trả có thể đổi khi Nhà nước công bố.</source>
        <translation>⚠ The {y} calendar is provisional: due dates may move once it is announced.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="151"/>
        <source>Lịch năm {y} đã công bố: {n} ngày.</source>
        <translation>The {y} calendar is announced: {n} days.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="162"/>
        <source>✓ Đã ghi ngày {d}.</source>
        <translation>✓ {d} saved.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="170"/>
        <source>✓ Đã bỏ ngày {d}.</source>
        <translation>✓ {d} removed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="173"/>
        <source>Chọn tệp lịch</source>
        <translation>Choose a calendar file</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="184"/>
        <source>Hãy chọn tệp lịch.</source>
        <translation>Choose a calendar file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/calendar_dialog.py" line="187"/>
        <source>✓ Đã nhập các năm có trong tệp {f}; các năm khác giữ nguyên.</source>
        <translation>✓ Imported the years in {f}; other years unchanged.</translation>
    </message>
</context>
<context>
    <name>ClockNote</name>
    <message>
        <location filename="../../app/ui/intake/clock_note.py" line="42"/>
        <source>⚠ Đồng hồ máy này {gap} so với máy chủ (đo khi đồng bộ lần cuối). Ngày giờ tiếp nhận, mã hồ sơ và ngày hẹn trả lấy theo đồng hồ này: hãy chỉnh lại đồng hồ máy tính.</source>
        <translation>⚠ This PC&apos;s clock is {gap} compared with the server (measured at the last sync). The received time, the dossier code and the due date come from this clock: please set the PC&apos;s clock right.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/clock_note.py" line="55"/>
        <source>Đồng hồ máy bị lệch</source>
        <translation>The PC&apos;s clock is off</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/clock_note.py" line="56"/>
        <source>Đồng hồ máy này {gap} so với máy chủ.
Giờ trên máy: {pc}
Giờ máy chủ (ước tính): {server}

Biên nhận sẽ ghi ngày giờ theo đồng hồ máy này. Vẫn tiếp nhận?</source>
        <translation>This PC&apos;s clock is {gap} compared with the server.
Time on this PC: {pc}
Server time (estimated): {server}

The receipt will carry this PC&apos;s date and time. Receive anyway?</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="26"/>
        <source>Sửa thông tin người nộp — {code}</source>
        <translation>Correct applicant data — {code}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="30"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="30"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="31"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="31"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="32"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="36"/>
        <source>ví dụ: gõ nhầm tên khi tiếp nhận</source>
        <translation>e.g. name mistyped at intake</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="37"/>
        <source>Lý do sửa (bắt buộc)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="38"/>
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="39"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/correction.py" line="54"/>
        <source>✓ Đã sửa.</source>
        <translation>✓ Corrected.</translation>
    </message>
</context>
<context>
    <name>CostsPanel</name>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="33"/>
        <source>Số trang bản chính</source>
        <translation>Pages of the original</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="34"/>
        <source>Số bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="44"/>
        <source>Số bộ hồ sơ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="53"/>
        <source>Hẹn trả kết quả:</source>
        <translation>Result due:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="56"/>
        <source>Phí, lệ phí:</source>
        <translation>Fees:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="124"/>
        <source>Thời hạn giải quyết: {text}</source>
        <translation>Processing time: {text}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/costs.py" line="126"/>
        <source>⚠ Lịch nghỉ lễ năm {year} chưa được công bố: ngày hẹn là tạm tính.</source>
        <translation>⚠ The {year} holidays are not announced yet: the due date is provisional.</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../app/ui/status_bar.py" line="98"/>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="104"/>
        <source>{name} ({code})</source>
        <translation>{name} ({code})</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="108"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="110"/>
        <source>Cán bộ: {name}</source>
        <translation>Clerk: {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="111"/>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="123"/>
        <source>● Trực tuyến, {n} chờ gửi</source>
        <translation>● Online, {n} waiting to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="126"/>
        <source>● Ngoại tuyến, {n} chờ gửi</source>
        <translation>● Offline, {n} waiting to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="129"/>
        <source> — đồng bộ lần cuối {at}</source>
        <translation> — last sync {at}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="131"/>
        <source> — ⚠ đồng hồ máy {gap}</source>
        <translation> — ⚠ PC clock {gap}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="142"/>
        <source>Sao lưu: {at}</source>
        <translation>Backup: {at}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="145"/>
        <source>⚠ Chưa sao lưu lần nào</source>
        <translation>⚠ Never backed up</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="146"/>
        <source>⚠ Sao lưu đã cũ: {at}</source>
        <translation>⚠ Backup is old: {at}</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <location filename="../../app/ui/queue/display.py" line="48"/>
        <source>MotCua — Màn hình gọi số</source>
        <translation>MotCua — Calling display</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="55"/>
        <source>Bộ phận Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="141"/>
        <source>Mất kết nối với máy chủ hàng đợi — đang kết nối lại…</source>
        <translation>Lost the queue hub — reconnecting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="156"/>
        <source>Mời số {number} đến quầy {counter}</source>
        <translation>Number {number}, please go to counter {counter}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="164"/>
        <source>QUẦY</source>
        <translation>COUNTER</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="165"/>
        <source>ĐANG PHỤC VỤ SỐ</source>
        <translation>NOW SERVING</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="173"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="179"/>
        <source>VỪA GỌI</source>
        <translation>JUST CALLED</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="181"/>
        <source>{number}  →  quầy {counter}</source>
        <translation>{number}  →  counter {counter}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="187"/>
        <source>Đang chờ — {list}</source>
        <translation>Waiting — {list}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/display.py" line="189"/>
        <source>Xin mời lấy số thứ tự tại máy lấy số</source>
        <translation>Please take a number at the ticket machine</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../app/ui/intake/documents.py" line="27"/>
        <source>Giấy tờ đã nhận</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents.py" line="28"/>
        <source>Chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents.py" line="29"/>
        <source>Sao CT</source>
        <translation>Cert. copies</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents.py" line="30"/>
        <source>Photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents.py" line="31"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../app/ui/intake/checklist.py" line="64"/>
        <source>Dấu cách: đánh dấu/bỏ đánh dấu; gõ số để sửa số bản.</source>
        <translation>Space: tick/untick; type a number to change a count.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/checklist.py" line="67"/>
        <source>+ Giấy tờ khác</source>
        <translation>+ Other document</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/checklist.py" line="94"/>
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="72"/>
        <location filename="../../app/ui/dossiers/detail.py" line="81"/>
        <source>Giấy tờ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="72"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="72"/>
        <source>Bản sao CT</source>
        <translation>Certified copies</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="73"/>
        <source>Bản photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="77"/>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="77"/>
        <source>Việc</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="77"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="78"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="80"/>
        <source>Thông tin</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="82"/>
        <source>Lịch sử xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="83"/>
        <source>Trang đã quét</source>
        <translation>Scanned pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="88"/>
        <source>In lại…</source>
        <translation>Reprint…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="91"/>
        <source>Sửa thông tin người nộp…</source>
        <translation>Correct applicant data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="94"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="110"/>
        <source>Chưa in được: {reason}</source>
        <translation>Not printed: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="124"/>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="178"/>
        <source>Mẫu {n}</source>
        <translation>Form {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="198"/>
        <source>Đã sửa thông tin người nộp.</source>
        <translation>Applicant data corrected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="205"/>
        <source>Đã chuyển sang “{status}”.</source>
        <translation>Moved to “{status}”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="221"/>
        <source>Đã gửi mẫu {n} tới máy in {printer}.</source>
        <translation>Form {n} sent to printer {printer}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="225"/>
        <source>Mẫu {n} đã lưu thành tệp PDF: {path}</source>
        <translation>Form {n} saved as a PDF file: {path}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail.py" line="226"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>DossierInfo</name>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="19"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="20"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="21"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="22"/>
        <source>Ngày sinh, giới tính</source>
        <translation>Date of birth, sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="23"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="24"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="25"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="26"/>
        <source>Kênh tiếp nhận</source>
        <translation>Reception channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="27"/>
        <source>Tiếp nhận lúc</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="28"/>
        <source>Hẹn trả kết quả</source>
        <translation>Result due</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="29"/>
        <source>Hoàn thành lúc</source>
        <translation>Finished at</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="30"/>
        <source>Trả kết quả lúc</source>
        <translation>Result returned at</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="31"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="32"/>
        <source>Số bộ hồ sơ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="33"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="34"/>
        <source>Đánh giá của người dân</source>
        <translation>Citizen&apos;s rating</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="36"/>
        <source>Không hẹn</source>
        <translation>No appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="37"/>
        <source>Miễn phí</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="38"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="39"/>
        <source>Người dân đánh giá: {level}</source>
        <translation>Citizen rated: {level}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/history.py" line="40"/>
        <source>Sửa thông tin người nộp: {changes}</source>
        <translation>Applicant data corrected: {changes}</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="77"/>
        <source>Tìm theo mã hồ sơ, họ tên, số định danh, điện thoại, thủ tục… (quét mã vạch giấy tiếp nhận để mở hồ sơ)</source>
        <translation>Find by dossier code, name, ID number, phone, procedure… (scan a receipt&apos;s barcode to open its dossier)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="94"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="162"/>
        <source>Mọi thủ tục</source>
        <translation>Any procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="209"/>
        <source>{n} hồ sơ khớp trong các hồ sơ mới nhất; hồ sơ cũ hơn chưa được xét (gõ thêm để thu hẹp)</source>
        <translation>{n} matches among the newest dossiers; older ones were not looked at (type more to narrow)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="214"/>
        <source>{n} hồ sơ mới nhất khớp (gõ thêm để thu hẹp)</source>
        <translation>{n} newest matching dossiers (type more to narrow)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="212"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="217"/>
        <source>{n} hồ sơ mới nhất trong {total} (cuộn xuống cuối để xem thêm)</source>
        <translation>newest {n} of {total} dossiers (scroll to the end for more)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="219"/>
        <source>{n} hồ sơ mới nhất (cuộn xuống cuối để xem thêm)</source>
        <translation>newest {n} dossiers (scroll to the end for more)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="245"/>
        <source>Không có hồ sơ mã {code} trong máy này.</source>
        <translation>No dossier {code} on this PC.</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="34"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="35"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="36"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="37"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="38"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="39"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="40"/>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/errors.py" line="45"/>
        <source>Đã xảy ra lỗi ngoài dự kiến; dữ liệu đã nhập vẫn được giữ. Chi tiết đã ghi vào nhật ký.</source>
        <translation>Something unexpected went wrong; what you typed is kept. The details are in the log.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="71"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="35"/>
        <source>Nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="36"/>
        <source>Hẹn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="37"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="38"/>
        <source>Chờ bổ sung</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="39"/>
        <source>Chờ trả kết quả</source>
        <translation>Ready to return</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="40"/>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/filters.py" line="41"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="27"/>
        <source>Cài đặt lần đầu — MotCua</source>
        <translation>First-time setup — MotCua</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="31"/>
        <source>Chào mừng! Máy này chưa gắn với đơn vị nào. Nhập thông tin đơn vị một lần; có thể sửa tên, quầy, máy in sau trong Cài đặt.</source>
        <translation>Welcome! This PC does not belong to an office yet. Enter the office once; the name, counter and printers can be changed later in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="37"/>
        <source>Trung tâm Phục vụ hành chính công xã …</source>
        <translation>Public Administrative Service Centre of … commune</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="39"/>
        <source>UBND xã …</source>
        <translation>People&apos;s Committee of … commune</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="45"/>
        <source>Mã đơn vị (mã định danh điện tử)</source>
        <translation>Unit code (electronic identifier)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="46"/>
        <source>Tên đơn vị</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="47"/>
        <source>Cơ quan chủ quản</source>
        <translation>Governing body</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="48"/>
        <source>Số quầy</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="49"/>
        <source>Khe thiết bị (0 nếu chỉ có một máy)</source>
        <translation>Device slot (0 if this is the only PC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="50"/>
        <source>Mật khẩu quản trị (admin)</source>
        <translation>Administrator password (admin)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="51"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="62"/>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../app/ui/intake/page.py" line="72"/>
        <source>Ghi chú (không bắt buộc)</source>
        <translation>Notes (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="73"/>
        <source>Tiếp nhận hồ sơ
Ctrl+Enter</source>
        <translation>Receive dossier
Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="80"/>
        <location filename="../../app/ui/intake/page.py" line="240"/>
        <source>Làm phiếu mới</source>
        <translation>New form</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="89"/>
        <source>1. Thủ tục hành chính</source>
        <translation>1. Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="93"/>
        <source>2. Người nộp hồ sơ</source>
        <translation>2. Applicant</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="103"/>
        <source>3. Giấy tờ nhận</source>
        <translation>3. Documents received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="201"/>
        <source>⚠ Hôm nay đã tiếp nhận hồ sơ {codes} cùng số định danh và thủ tục này. Kiểm tra trước khi nhận thêm một lần.</source>
        <translation>⚠ Dossier {codes} with this ID number and procedure was already received today. Check before receiving it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="226"/>
        <source>Đang phục vụ số &lt;b&gt;{n}&lt;/b&gt;: hồ sơ tiếp nhận tiếp theo sẽ gắn với số này.</source>
        <translation>Serving number &lt;b&gt;{n}&lt;/b&gt;: the next dossier received is linked to it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="240"/>
        <source>Xóa những gì đang nhập trên phiếu này?</source>
        <translation>Clear what has been typed on this form?</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="261"/>
        <source>Hãy chọn thủ tục hành chính.</source>
        <translation>Choose the administrative procedure.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="265"/>
        <source>Hãy đánh dấu ít nhất một giấy tờ đã nhận.</source>
        <translation>Tick at least one document received.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="282"/>
        <source>Chưa tiếp nhận: còn {n} chỗ cần sửa (ghi dưới từng ô).</source>
        <translation>Not received: {n} things to fix (shown under each field).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="293"/>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="302"/>
        <source>✓ Đã tiếp nhận hồ sơ &lt;b&gt;{code}&lt;/b&gt; — {name}. Hẹn trả: &lt;b&gt;{due}&lt;/b&gt;</source>
        <translation>✓ Dossier &lt;b&gt;{code}&lt;/b&gt; received — {name}. Result due: &lt;b&gt;{due}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="304"/>
        <source>không hẹn</source>
        <translation>no appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="306"/>
        <source>Đã gắn với số thứ tự {n}.</source>
        <translation>Linked to ticket {n}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="308"/>
        <source>⚠ Chưa gắn được với số thứ tự {n}; hồ sơ vẫn được lưu.</source>
        <translation>⚠ Could not link ticket {n}; the dossier is saved.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="325"/>
        <source>Chưa lưu được hồ sơ, những gì đã nhập vẫn còn nguyên. {reason}</source>
        <translation>The dossier was not saved; everything typed is still here. {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="329"/>
        <source>Chưa tiếp nhận: {message}</source>
        <translation>Not received: {message}</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="90"/>
        <source>MotCua — Lấy số thứ tự</source>
        <translation>MotCua — Take a number</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="95"/>
        <source>Bộ phận Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="97"/>
        <source>Xin mời chạm vào dịch vụ cần làm để lấy số thứ tự</source>
        <translation>Touch the service you need to take a number</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="218"/>
        <source>Đang lấy số, xin vui lòng chờ trong giây lát…</source>
        <translation>Taking your number, please wait a moment…</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="104"/>
        <source>ƯU TIÊN
người cao tuổi · người khuyết tật · phụ nữ mang thai · người có con nhỏ · người có công với cách mạng</source>
        <translation>PRIORITY
elderly · disabled · pregnant · with small children · people with merit</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="122"/>
        <source>Số thứ tự của bạn</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="232"/>
        <source>  ·  ƯU TIÊN</source>
        <translation>  ·  PRIORITY</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="235"/>
        <source>Bạn là người tiếp theo của dịch vụ này</source>
        <translation>You are next for this service</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="237"/>
        <source>Trước bạn còn {n} người · dự kiến chờ khoảng {m} phút</source>
        <translation>{n} people before you · about {m} minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="241"/>
        <source>Đang in phiếu…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="247"/>
        <source>Chưa lấy được số</source>
        <translation>No number was issued</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="249"/>
        <source>Xin mời chạm lại, hoặc hỏi cán bộ tại quầy.</source>
        <translation>Please touch again, or ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="254"/>
        <source>Mời nhận phiếu bên dưới</source>
        <translation>Please take your ticket below</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/kiosk.py" line="260"/>
        <source>Máy in chưa in được phiếu ({reason}). Xin ghi nhớ số {number} hoặc báo cán bộ tại quầy.</source>
        <translation>The ticket could not be printed ({reason}). Please remember number {number} or tell the counter.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../app/ui/lock_page.py" line="44"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="46"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="48"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="98"/>
        <source>Đang mở dữ liệu, xin chờ giây lát…</source>
        <translation>Opening the data, one moment…</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="107"/>
        <source>Phần mềm tiếp nhận hồ sơ một cửa — đăng nhập để bắt đầu</source>
        <translation>One-stop reception software — sign in to start</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="116"/>
        <source>Văn phòng mẫu (dữ liệu thử):&lt;br&gt;tên đăng nhập &lt;b&gt;{user}&lt;/b&gt;, mật khẩu &lt;b&gt;{password}&lt;/b&gt;</source>
        <translation>Demo office (sample data):&lt;br&gt;user name &lt;b&gt;{user}&lt;/b&gt;, password &lt;b&gt;{password}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="127"/>
        <source>Màn hình đã khóa. {name}, nhập mật khẩu để tiếp tục (hoặc đăng nhập tài khoản khác).</source>
        <translation>Screen locked. {name}, enter your password to go on (or sign in as someone else).</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_page.py" line="141"/>
        <source>Hãy nhập tên đăng nhập.</source>
        <translation>Enter your user name.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="58"/>
        <source>MotCua — Tiếp nhận hồ sơ một cửa</source>
        <translation>MotCua — One-stop dossier reception</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="74"/>
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="116"/>
        <source>Lệnh</source>
        <translation>Commands</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125"/>
        <source>&amp;Hồ sơ</source>
        <translation>&amp;Dossiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="128"/>
        <source>Hệ &amp;thống</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="133"/>
        <source>&amp;Giám sát</source>
        <translation>&amp;Supervision</translation>
    </message>
</context>
<context>
    <name>PagesDialog</name>
    <message>
        <location filename="../../app/ui/attachments/intake_hook.py" line="24"/>
        <source>Trang đã quét — {code}</source>
        <translation>Scanned pages — {code}</translation>
    </message>
</context>
<context>
    <name>PagesPanel</name>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="80"/>
        <source>Thêm tệp…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="81"/>
        <source>Quét trang tiếp (F8)</source>
        <translation>Scan next page (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="82"/>
        <source>Lấy từ thư mục quét</source>
        <translation>From the scan folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="83"/>
        <source>◀ Lên trước</source>
        <translation>◀ Earlier</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="84"/>
        <source>Ra sau ▶</source>
        <translation>Later ▶</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="85"/>
        <source>Xoay ↻</source>
        <translation>Rotate ↻</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="86"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="125"/>
        <source>chưa có ảnh</source>
        <translation>no images yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="125"/>
        <source>trang</source>
        <translation>page(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="171"/>
        <source>Đang xử lý trang…</source>
        <translation>Processing pages…</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../app/ui/intake/procedure_picker.py" line="114"/>
        <source>Gõ tên hoặc mã thủ tục (không cần dấu), ↑↓ để chọn, Enter</source>
        <translation>Type a procedure&apos;s name or code (accents optional), ↑↓ to pick, Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_picker.py" line="167"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="103"/>
        <source>Số {n}: {m}</source>
        <translation>Number {n}: {m}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="134"/>
        <source>Gọi số bất kỳ: gõ số (A012) hoặc quét mã trên phiếu</source>
        <translation>Call any number: type it (A012) or scan the ticket</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="179"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="241"/>
        <source>Quầy {n} · phục vụ {letters}</source>
        <translation>Counter {n} · serves {letters}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="242"/>
        <source>(chưa được giao dịch vụ)</source>
        <translation>(no service assigned)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="245"/>
        <source>Đang chờ: {n} người</source>
        <translation>Waiting: {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="249"/>
        <source>Chưa gọi ai</source>
        <translation>Nobody called yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="251"/>
        <source>Dịch vụ {letter}</source>
        <translation>Service {letter}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="255"/>
        <source>đã gọi lại {n} lần</source>
        <translation>recalled {n} times</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="333"/>
        <source>Đã mời số {n} đến quầy {c}</source>
        <translation>Number {n} called to counter {c}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="348"/>
        <source>Hãy chọn một số trong danh sách chờ</source>
        <translation>Choose a number in the waiting list</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="361"/>
        <source>Đã gọi lại số {n}</source>
        <translation>Number {n} recalled</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="367"/>
        <source>Số {n}: vắng mặt</source>
        <translation>Number {n}: no-show</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="373"/>
        <source>Số {n}: đã xong</source>
        <translation>Number {n}: done</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="383"/>
        <source>Quầy đang không phục vụ số nào</source>
        <translation>The counter is serving no number</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="391"/>
        <source>Số {n} chuyển sang dịch vụ {s}</source>
        <translation>Number {n} moved to service {s}</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="403"/>
        <source>Đã cấp số {n} ({s})</source>
        <translation>Number {n} issued ({s})</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="407"/>
        <source>phiếu: {where}</source>
        <translation>ticket: {where}</translation>
    </message>
</context>
<context>
    <name>QueueSetupDialog</name>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="63"/>
        <source>Cấu hình hàng đợi</source>
        <translation>Queue setup</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="68"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="68"/>
        <source>Tên dịch vụ</source>
        <translation>Service name</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="68"/>
        <source>Đang dùng</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="73"/>
        <source>Thêm dịch vụ</source>
        <translation>Add service</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="77"/>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="81"/>
        <source>Thêm quầy</source>
        <translation>Add counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="90"/>
        <source>Chuông trước mỗi lần gọi</source>
        <translation>Chime before each call</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="98"/>
        <source>Dịch vụ (chữ cái đứng đầu số thứ tự)</source>
        <translation>Services (the letter in front of the number)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="99"/>
        <source>Quầy gọi những dịch vụ nào</source>
        <translation>Which services each counter calls</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="107"/>
        <source>Số lần gọi lại trước khi đánh dấu vắng mặt</source>
        <translation>Recalls before marking a no-show</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/setup_dialog.py" line="108"/>
        <source>Màn hình chờ</source>
        <translation>Waiting-room display</translation>
    </message>
</context>
<context>
    <name>Rating</name>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="33"/>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="34"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="35"/>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="38"/>
        <source>Thời gian giải quyết so với quy định</source>
        <translation>Time taken against the legal time</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="39"/>
        <source>Thời gian của từng cơ quan</source>
        <translation>Time taken by each agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="40"/>
        <source>Số lần phải đi lại</source>
        <translation>Number of visits needed</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="41"/>
        <source>Số cơ quan phải liên hệ</source>
        <translation>Number of agencies contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="42"/>
        <source>Giải quyết theo cơ chế một cửa</source>
        <translation>Handled as a one-stop service</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="43"/>
        <source>Công khai thông tin thủ tục</source>
        <translation>Procedure information published</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="44"/>
        <source>Thái độ của cán bộ</source>
        <translation>Staff attitude</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="46"/>
        <source>Tốt</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="46"/>
        <source>Bình thường</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="47"/>
        <source>Chưa tốt</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="108"/>
        <source>Sự thuận tiện</source>
        <translation>Convenience</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="37"/>
        <source>Phải ghi lý do.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="41"/>
        <source>Lý do dài quá {n} ký tự.</source>
        <translation>The reason is longer than {n} characters.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <location filename="../../app/ui/printouts/printer.py" line="103"/>
        <source>Giấy tiếp nhận (mẫu 01) đã lưu thành tệp PDF: {path}</source>
        <translation>Receipt (form 01) saved as a PDF file: {path}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printouts/printer.py" line="104"/>
        <source>Mở giấy tiếp nhận</source>
        <translation>Open the receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/printouts/printer.py" line="108"/>
        <source>Đã gửi giấy tiếp nhận tới máy in {printer}.</source>
        <translation>Receipt sent to printer {printer}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printouts/printer.py" line="112"/>
        <source>⚠ Chưa in được giấy tiếp nhận ({reason}). Hồ sơ đã được lưu; có thể in lại từ danh sách hồ sơ.</source>
        <translation>⚠ The receipt was not printed ({reason}). The dossier is saved; reprint it from the dossier list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printouts/printer.py" line="114"/>
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../app/ui/recovery_key_dialog.py" line="24"/>
        <source>Khóa khôi phục của đơn vị</source>
        <translation>The office recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key_dialog.py" line="27"/>
        <source>Ghi lại hoặc in khóa này và cất ở nơi an toàn (tủ của người phụ trách). Khóa chỉ hiện một lần: cần nó để mở bản sao lưu trên máy mới khi máy này hỏng.</source>
        <translation>Write down or print this key and keep it somewhere safe (the supervisor&apos;s drawer). It is shown only once: it is needed to open a backup on a new PC when this one dies.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key_dialog.py" line="37"/>
        <source>Lưu tờ khóa để in (PDF)…</source>
        <translation>Save the key sheet to print (PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key_dialog.py" line="39"/>
        <source>Tôi đã cất khóa</source>
        <translation>I have put the key away</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key_dialog.py" line="52"/>
        <source>Đã lưu: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key_dialog.py" line="55"/>
        <source>Lưu tờ khóa khôi phục</source>
        <translation>Save the recovery key sheet</translation>
    </message>
</context>
<context>
    <name>RejectedEventsDialog</name>
    <message>
        <location filename="../../app/ui/supervisor/rejected.py" line="32"/>
        <source>Sự kiện bị máy chủ từ chối</source>
        <translation>Events rejected by the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/rejected.py" line="43"/>
        <source>Gửi lại sự kiện đã chọn</source>
        <translation>Send the selected events again</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/rejected.py" line="45"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/rejected.py" line="65"/>
        <source>Số sự kiện bị từ chối: %1. Sửa nguyên nhân rồi gửi lại.</source>
        <translation>Rejected events: %1. Fix the cause, then send again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/rejected.py" line="66"/>
        <source>Không có sự kiện nào bị từ chối.</source>
        <translation>No rejected events.</translation>
    </message>
</context>
<context>
    <name>SatisfactionWindow</name>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="63"/>
        <source>Đánh giá mức độ hài lòng</source>
        <translation>Satisfaction rating</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="69"/>
        <source>Xin cảm ơn Ông/Bà đã đánh giá!</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="82"/>
        <source>Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?</source>
        <translation>How satisfied are you with how your dossier was handled?</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="99"/>
        <source>Đánh giá chi tiết (không bắt buộc) ▾</source>
        <translation>Detailed rating (optional) ▾</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="137"/>
        <source>{office}

Xin kính chào Ông/Bà</source>
        <translation>{office}

Welcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/satisfaction.py" line="144"/>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/fonts.py" line="19"/>
        <source>Bình thường</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location filename="../../app/ui/fonts.py" line="20"/>
        <source>Lớn</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../app/ui/fonts.py" line="21"/>
        <source>Rất lớn</source>
        <translation>Very large</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="66"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="97"/>
        <source>Không tự khóa</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="98"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="100"/>
        <source>Không in, lưu tệp PDF</source>
        <translation>Do not print, save a PDF file</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="107"/>
        <source>Mã đơn vị</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="108"/>
        <source>Tên đơn vị</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="109"/>
        <source>Cơ quan chủ quản (in trên biểu mẫu)</source>
        <translation>Governing body (printed on forms)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="110"/>
        <source>Địa chỉ trả kết quả</source>
        <translation>Where results are collected</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="111"/>
        <source>Số quầy</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="112"/>
        <source>Khe thiết bị (số hồ sơ)</source>
        <translation>Device slot (dossier numbers)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="113"/>
        <source>Máy chủ trung tâm</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="114"/>
        <source>Máy in biểu mẫu</source>
        <translation>Printer for forms</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="115"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="116"/>
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="117"/>
        <source>Giờ mở cửa</source>
        <translation>Opening time</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="118"/>
        <source>Giờ đóng cửa</source>
        <translation>Closing time</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="119"/>
        <source>Tự khóa sau</source>
        <translation>Lock after</translation>
    </message>
</context>
<context>
    <name>StatusActions</name>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="29"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="30"/>
        <source>Chuyển xử lý</source>
        <translation>Start processing</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="31"/>
        <source>Yêu cầu bổ sung…</source>
        <translation>Request documents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="32"/>
        <source>Giấy tờ còn thiếu hoặc cần sửa, và lý do (mỗi giấy tờ một dòng; in trên phiếu mẫu 02):</source>
        <translation>Documents missing or to be corrected, and why (one per line; printed on form 02):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="34"/>
        <source>Yêu cầu nghĩa vụ tài chính</source>
        <translation>Request financial obligation</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="35"/>
        <source>Từ chối tiếp nhận…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="36"/>
        <source>Lý do từ chối (in trên phiếu mẫu 03):</source>
        <translation>Reason for refusal (printed on form 03):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="37"/>
        <source>Công dân rút hồ sơ…</source>
        <translation>Citizen withdraws…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="38"/>
        <source>Lý do rút hồ sơ (không bắt buộc):</source>
        <translation>Reason for withdrawal (optional):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="39"/>
        <source>Dừng xử lý…</source>
        <translation>Stop processing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="40"/>
        <source>Lý do dừng xử lý (in trên thông báo mẫu 05):</source>
        <translation>Reason for stopping (printed on form 05):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="41"/>
        <source>Đã xử lý xong</source>
        <translation>Processed</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="42"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="43"/>
        <source>Trả kết quả hồ sơ {code} cho người dân? Sau bước này hồ sơ kết thúc.</source>
        <translation>Return the result of dossier {code} to the citizen? The dossier is closed after this step.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/status_actions.py" line="46"/>
        <source>Tiếp tục xử lý</source>
        <translation>Resume processing</translation>
    </message>
</context>
<context>
    <name>SupervisorView</name>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="27"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="27"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="28"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="28"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="29"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="29"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor/watch_model.py" line="30"/>
        <source>Số giờ trễ</source>
        <translation>Hours late</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../app/ui/dossiers/supplement_dialog.py" line="25"/>
        <source>Giấy tờ cần bổ sung, hoàn thiện (mỗi giấy tờ một dòng):</source>
        <translation>Papers to add or complete (one per line):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/supplement_dialog.py" line="31"/>
        <source>Lý do (in ở cột “Lý do” của phiếu mẫu 02):</source>
        <translation>Reason (printed in the “Lý do” column of form 02):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/supplement_dialog.py" line="33"/>
        <source>ví dụ: bản chụp không rõ nét, cần nộp bản sao có chứng thực</source>
        <translation>e.g. the copy is unreadable; a certified copy is needed</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/supplement_dialog.py" line="51"/>
        <source>Phải ghi ít nhất một giấy tờ.</source>
        <translation>Write at least one paper.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/supplement_dialog.py" line="52"/>
        <source>Phải ghi lý do.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/supplement_dialog.py" line="54"/>
        <source>Nội dung dài quá {n} ký tự.</source>
        <translation>The text is longer than {n} characters.</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="31"/>
        <source>Kết nối máy chủ và đồng bộ</source>
        <translation>Server connection and sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="34"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="35"/>
        <source>Xem sự kiện bị từ chối…</source>
        <translation>Rejected events…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="41"/>
        <source>ví dụ: Quầy 1</source>
        <translation>e.g. Counter 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="42"/>
        <source>Kết nối thiết bị</source>
        <translation>Connect device</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="44"/>
        <source>Địa chỉ máy chủ / máy trạm của xã</source>
        <translation>Server or office hub address</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="45"/>
        <source>Mã đăng ký (do máy chủ cấp)</source>
        <translation>Enrolment code (from the server)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="46"/>
        <source>Tên thiết bị</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="47"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="53"/>
        <source>Kết nối (đăng ký) thiết bị</source>
        <translation>Connect (enrol) this device</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="76"/>
        <source>trực tuyến</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="76"/>
        <source>ngoại tuyến</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="76"/>
        <source>chưa thử</source>
        <translation>not tried yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="78"/>
        <source>Đã kết nối với &lt;b&gt;{server}&lt;/b&gt; (đơn vị {office}, khe {slot}) — {online}.</source>
        <translation>Connected to &lt;b&gt;{server}&lt;/b&gt; (office {office}, slot {slot}) — {online}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="81"/>
        <source>Thiết bị &lt;b&gt;chưa kết nối&lt;/b&gt; với máy chủ: hồ sơ chỉ lưu trên máy này.</source>
        <translation>This device is &lt;b&gt;not connected&lt;/b&gt; to a server: dossiers are kept on this PC only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="82"/>
        <source>Chờ gửi: &lt;b&gt;{pending}&lt;/b&gt; — bị từ chối: &lt;b&gt;{rejected}&lt;/b&gt; — đồng bộ lần cuối: {last}</source>
        <translation>Pending: &lt;b&gt;{pending}&lt;/b&gt; — rejected: &lt;b&gt;{rejected}&lt;/b&gt; — last sync: {last}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="84"/>
        <source>chưa</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="86"/>
        <source>⚠ Đồng hồ máy {gap} so với máy chủ.</source>
        <translation>⚠ This PC&apos;s clock is off the server&apos;s: {gap}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="90"/>
        <source>Xem sự kiện bị từ chối ({n})…</source>
        <translation>Rejected events ({n})…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="106"/>
        <source>Đang kết nối…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="114"/>
        <source>✓ Đã kết nối với {server}: đơn vị {office} ({name}), khe thiết bị {slot}.</source>
        <translation>✓ Connected to {server}: office {office} ({name}), device slot {slot}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="122"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/sync_dialog.py" line="127"/>
        <source>✓ Đã gửi {pushed}, nhận {pulled}; còn chờ {pending}, bị từ chối {rejected}.</source>
        <translation>✓ Sent {pushed}, received {pulled}; pending {pending}, rejected {rejected}.</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <location filename="../../app/ui/queue/waiting_model.py" line="66"/>
        <source>{m} phút</source>
        <translation>{m} min</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <location filename="../../app/ui/commands.py" line="128"/>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="137"/>
        <source>✓ Đã sao lưu vào {path}</source>
        <translation>✓ Backed up to {path}</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="188"/>
        <source>Thiết bị chưa kết nối máy chủ: Giám sát → Kết nối máy chủ và đồng bộ.</source>
        <translation>This device is not connected: Supervision → Server connection and sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="190"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="192"/>
        <source>✓ Đã gửi {pushed}, nhận {pulled}; còn chờ {pending}.</source>
        <translation>✓ Sent {pushed}, received {pulled}; pending {pending}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="194"/>
        <source>Chưa đồng bộ được: {reason}</source>
        <translation>Sync failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="244"/>
        <source>Thoát MotCua</source>
        <translation>Quit MotCua</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="245"/>
        <source>Phiếu tiếp nhận đang nhập dở chưa được lưu. Vẫn thoát?</source>
        <translation>The intake form being filled in is not saved. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="74"/>
        <source>Chuyển dịch vụ</source>
        <translation>Transfer to service</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue/panel.py" line="75"/>
        <source>Chuyển sang dịch vụ:</source>
        <translation>Transfer to service:</translation>
    </message>
    <message>
        <location filename="../../app/ui/attachments/panel.py" line="59"/>
        <source>Chọn trang để đính kèm</source>
        <translation>Choose pages to attach</translation>
    </message>
</context>
</TS>
